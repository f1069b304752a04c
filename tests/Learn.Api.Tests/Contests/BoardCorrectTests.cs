using Learn.Core.Contests.Boards;
using Learn.Core.Redis;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Contests;

/// <summary>
/// Packed correct counts and entry versions (docs/decisions/0312-packed-correct-counts.md, 0314) on a real Redis: the
/// board script's Lua and the rebuild's in-memory fields encode alike, across field boundaries, with counts of several hex
/// digits and the cap; the script applies a change only when its version is newer than the one the board shows.
/// </summary>
public class BoardCorrectTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    // Members on both sides of 64-member field boundaries, and one far away (a sparse contest).
    private static readonly (long Member, int Correct, int Version)[] Counts =
        [(63, 0, 0), (64, 17, 3), (127, 300, 65_534), (128, 4095, 1), (129, 65535, 12), (9_000_001, 42, 5)];

    [Fact]
    public async Task The_board_script_and_the_rebuild_store_the_same_fields_and_reads_decode_them()
    {
        var board = factory.Services.GetRequiredService<ContestBoard>();
        var db = factory.Services.GetRequiredService<RedisStore>().Database;
        const long scripted = 990_001, built = 990_002;
        await db.StringSetAsync(BoardKeys.State(scripted), BoardKeys.Ready);
        // A count first set higher at an older version, then lower: the rewrite replaces exactly its own eight digits.
        (await board.TryApplyAsync(scripted, [.. Counts.Where(c => c.Version > 0).Select(c => Change(c.Member, c.Correct + 1, c.Version - 1))])).ShouldBeTrue();
        (await board.TryApplyAsync(scripted, [.. Counts.Select(c => Change(c.Member, c.Correct, c.Version))])).ShouldBeTrue();
        await db.HashSetAsync(BoardKeys.Correct(built), BoardCorrect.Fields(Counts));

        var fields = (await db.HashGetAllAsync(BoardKeys.Correct(scripted))).OrderBy(e => (long)e.Name).ToList();
        fields.Select(f => (long)f.Name).ShouldBe([0L, 1, 2, 140_625]);
        fields.ShouldBe((await db.HashGetAllAsync(BoardKeys.Correct(built))).OrderBy(e => (long)e.Name).ToList());
        (await BoardCorrect.ReadAsync(db, scripted, [.. Counts.Select(c => c.Member), 65, 9_999_999]))
            .ShouldBe([.. Counts.Select(c => (int?)c.Correct), 0, null]);
        (await BoardCorrect.ReadVersionsAsync(db, scripted, [.. Counts.Select(c => c.Member), 65, 9_999_999]))
            .ShouldBe([.. Counts.Select(c => (int?)c.Version), null, null]);

        // The read script decodes them into the rows it returns (names are fetched for rows without one: none here).
        var rows = await board.TopAsync(scripted, 10, allowSnapshot: false);
        rows.ToDictionary(r => r.MemberId, r => r.CorrectCount).ShouldBe(Counts.ToDictionary(c => c.Member, c => c.Correct), ignoreOrder: true);
    }

    [Fact]
    public async Task Voiding_a_member_zeroes_only_their_slot()
    {
        const long contest = 990_003;
        var (board, db) = await ReadyBoardAsync(contest);
        (await board.TryApplyAsync(contest, [Change(64, 9, 2), Change(65, 11, 4)])).ShouldBeTrue();
        await board.VoidAsync(contest, 64, "/");
        (await BoardCorrect.ReadAsync(db, contest, [64, 65])).ShouldBe([0, 11]);
        (await BoardCorrect.ReadVersionsAsync(db, contest, [64, 65])).ShouldBe([null, 4]);
    }

    [Fact]
    public async Task A_change_the_board_already_has_or_an_older_one_moves_nothing_and_roll_ups_follow_the_board()
    {
        const long contest = 990_004;
        var (board, db) = await ReadyBoardAsync(contest);
        var totals = async () => ((long)await db.HashGetAsync(BoardKeys.OrgTotal(contest), 7), (long)await db.HashGetAsync(BoardKeys.OrgParticipants(contest), 7),
            await db.SortedSetScoreAsync(BoardKeys.Persons(contest), 500) is { } e ? BoardScore.ScoreOf(e) : -1);

        (await board.TryApplyAsync(contest, [Scored(0, 0)])).ShouldBeTrue(); // joined
        (await board.TryApplyAsync(contest, [Scored(2, 20)])).ShouldBeTrue(); // two answers later, overtaking the first
        (await totals()).ShouldBe((20L, 1L, 20));
        (await board.TryApplyAsync(contest, [Scored(1, 10), Scored(2, 20), Scored(0, 0)])).ShouldBeTrue(); // late and repeated
        (await totals()).ShouldBe((20L, 1L, 20));
        (await board.TryApplyAsync(contest, [Scored(3, 25)])).ShouldBeTrue();
        (await totals()).ShouldBe((25L, 1L, 25));
        (await BoardCorrect.ReadVersionsAsync(db, contest, [500])).ShouldBe([3]);
    }

    /// <summary>An empty board marked ready, so the scripts apply to it.</summary>
    private async Task<(ContestBoard Board, StackExchange.Redis.IDatabase Db)> ReadyBoardAsync(long contest)
    {
        var db = factory.Services.GetRequiredService<RedisStore>().Database;
        await db.StringSetAsync(BoardKeys.State(contest), BoardKeys.Ready);
        return (factory.Services.GetRequiredService<ContestBoard>(), db);
    }

    // Member 500 in unit 7 ("/7/"): score = points, version as given.
    private static BoardChange Scored(int version, int score) =>
        new BoardChange(500, "/7/", BoardScore.Encode(score, 1000, null, DateTime.UnixEpoch, 100), score / 10, 0) { Version = version };

    // Scores differ per member so the order is fixed; no organisation figures are involved ("/" has no ancestors).
    private static BoardChange Change(long member, int correct, int version) =>
        new(member, "/", BoardScore.Encode(correct, 1000, null, DateTime.UnixEpoch, 100), correct, 0) { Version = version };
}
