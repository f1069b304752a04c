namespace Learn.Core;

/// <summary>
/// The one "today in Shanghai": calendar rules are decided in Asia/Shanghai, timestamps are stored in UTC, and
/// the instant always comes from the injected <see cref="TimeProvider"/> (DateTime.Now and friends are banned).
/// </summary>
public static class Shanghai
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly Today(TimeProvider time) => DayOf(time.GetUtcNow());

    public static DateTimeOffset Now(TimeProvider time) => TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone);

    /// <summary>The Shanghai calendar day <paramref name="instant"/> falls on.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The instant of <paramref name="date"/> at <paramref name="time"/> Shanghai time (no DST there, so +08:00).</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), TimeSpan.FromHours(8));

    /// <summary>A stored UTC time as a Shanghai wall-clock time.</summary>
    public static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}
