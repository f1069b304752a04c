namespace Learn.TestSupport;

/// <summary>
/// A <see cref="TimeProvider"/> the test moves by hand (Microsoft.Extensions.TimeProvider.Testing
/// is not available here). Starts at a fixed instant so tests are repeatable.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public TestClock() : this(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero)) { }

    public static TimeZoneInfo Shanghai { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override TimeZoneInfo LocalTimeZone => Shanghai;

    public void Advance(TimeSpan by)
    {
        lock (_gate) _now += by;
    }

    public void Set(DateTimeOffset to)
    {
        lock (_gate) _now = to.ToUniversalTime();
    }

    /// <summary>Sets the clock to a wall-clock time in Asia/Shanghai.</summary>
    public void SetShanghai(int year, int month, int day, int hour = 9, int minute = 0) =>
        Set(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)));
}
