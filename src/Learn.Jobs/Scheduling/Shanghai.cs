namespace Learn.Jobs.Scheduling;

/// <summary>Calendar rules are decided in Asia/Shanghai; timestamps are stored in UTC.</summary>
public static class Shanghai
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(Now(time).DateTime);

    public static DateTimeOffset Now(TimeProvider time) => TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone);

    /// <summary>The instant of <paramref name="date"/> at <paramref name="time"/> Shanghai time (no DST there, so +08:00).</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), TimeSpan.FromHours(8));
}
