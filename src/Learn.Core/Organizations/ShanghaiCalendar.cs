namespace Learn.Core.Organizations;

/// <summary>Calendar days as people in China count them: Asia/Shanghai, whatever the server's zone.</summary>
public static class ShanghaiCalendar
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);
}
