using Learn.Core.Contests.Boards;

namespace Learn.Core.Tests.Contests;

/// <summary>The one-double encoding of ADR 0300 orders results exactly as the published rule says.</summary>
public class BoardScoreTests
{
    private static readonly DateTime Start = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);
    private static readonly long Unit = BoardScore.ReachedUnitMs(Start, Start.AddDays(7));

    private static double E(int score, long ms, double reachedMinutes) =>
        BoardScore.Encode(score, ms, Start.AddMinutes(reachedMinutes), Start, Unit);

    [Fact]
    public void Higher_score_wins_then_less_time_then_reached_first()
    {
        E(101, 999_000, 9000).ShouldBeGreaterThan(E(100, 0, 0));
        E(100, 8_000, 500).ShouldBeGreaterThan(E(100, 8_100, 0));
        E(100, 8_000, 10).ShouldBeGreaterThan(E(100, 8_000, 20));
        BoardScore.Encode(0, 0, null, Start, Unit).ShouldBeLessThan(E(0, 0, 10_000));
    }

    [Fact]
    public void The_largest_values_stay_exact_in_a_double()
    {
        var max = BoardScore.Encode(BoardScore.MaxScore, 0, Start, Start, Unit);
        max.ShouldBe(Math.Pow(2, 53) - 1);
        ((long)max).ShouldBe((1L << 53) - 1);
        BoardScore.ScoreOf(max).ShouldBe(BoardScore.MaxScore);
        BoardScore.ScoreOf(E(1234, 56_700, 42)).ShouldBe(1234);
        BoardScore.TotalMsOf(E(1234, 56_700, 42)).ShouldBe(56_700);
    }

    [Theory]
    [InlineData(1, 100)]          // a short live round: 0.1 s resolution
    [InlineData(24 * 30, 19_776)] // 30 days: about 20 s
    public void Reached_unit_fits_the_window_into_17_bits(int hours, long expectedUnitMs)
    {
        var unit = BoardScore.ReachedUnitMs(Start, Start.AddHours(hours));
        unit.ShouldBe(expectedUnitMs);
        (hours * 3_600_000L / unit).ShouldBeLessThan(1 << 17);
    }
}
