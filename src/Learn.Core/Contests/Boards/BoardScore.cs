namespace Learn.Core.Contests.Boards;

/// <summary>
/// Packs a result into one sorted-set score so that ZREVRANGE orders by the published rule:
/// higher score, then less total answering time, then who reached the score first.
/// Layout in a double's 53 exact integer bits (docs/decisions/0300-board-score-encoding.md):
/// <c>score (16 bits) · (2^20-1 − time units) (20 bits) · (2^17-1 − reached units) (17 bits)</c>.
/// Time is in 0.1 s units (≤ 29 h of answering); "reached" is measured from the contest start in a
/// unit chosen per contest so the whole window fits 17 bits (0.1 s for a 3.6 h window, ~20 s for 30 days).
/// </summary>
public static class BoardScore
{
    public const int MaxScore = (1 << 16) - 1;
    private const long TimeSlots = 1L << 20;
    private const long ReachedSlots = 1L << 17;
    private const long TimeUnitMs = 100;
    /// <summary>What one point adds to an encoded value: the score sits above the time and "reached" parts (2^37).</summary>
    public const long PerPoint = TimeSlots * ReachedSlots;

    /// <summary>Milliseconds per "reached" unit for a contest window: at least 100 ms, large enough that the window fits.</summary>
    public static long ReachedUnitMs(DateTime startsAt, DateTime endsAt)
    {
        var windowMs = Math.Max(1, (long)(endsAt - startsAt).TotalMilliseconds);
        return Math.Max(TimeUnitMs, (windowMs + ReachedSlots - 2) / (ReachedSlots - 1));
    }

    public static double Encode(int score, long totalMs, DateTime? reachedAt, DateTime startsAt, long reachedUnitMs)
    {
        long s = Math.Clamp(score, 0, MaxScore);
        var time = Math.Clamp(totalMs / TimeUnitMs, 0, TimeSlots - 1);
        // Never reached a score (0 points): ranks as if reached at the very end.
        var reached = reachedAt is { } r
            ? Math.Clamp((long)(r - startsAt).TotalMilliseconds / reachedUnitMs, 0, ReachedSlots - 1)
            : ReachedSlots - 1;
        return (s * PerPoint) + ((TimeSlots - 1 - time) * ReachedSlots) + (ReachedSlots - 1 - reached);
    }

    public static double Encode(Contest contest, int score, long totalMs, DateTime? reachedAt) =>
        Encode(score, totalMs, reachedAt, contest.StartsAt, ReachedUnitMs(contest.StartsAt, contest.EndsAt));

    /// <summary>The points part of an encoded value.</summary>
    public static int ScoreOf(double encoded) => (int)((long)encoded / PerPoint);

    /// <summary>Total answering time (0.1 s resolution) of an encoded value.</summary>
    public static long TotalMsOf(double encoded) =>
        (TimeSlots - 1 - ((long)encoded / ReachedSlots % TimeSlots)) * TimeUnitMs;
}
