using Learn.Core.Contests.Boards;
using Learn.Core.Redis;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Contests;

/// <summary>
/// Packed correct counts (docs/decisions/0312-packed-correct-counts.md) on a real Redis: the board script's Lua and the
/// rebuild's in-memory fields encode alike, across field boundaries, with counts of several hex digits and the cap.
/// </summary>
public class BoardCorrectTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    // Members on both sides of 64-member field boundaries, and one far away (a sparse contest).
    private static readonly (long Member, int Correct)[] Counts =
        [(63, 0), (64, 17), (127, 300), (128, 4095), (129, 65535), (9_000_001, 42)];

    [Fact]
    public async Task The_board_script_and_the_rebuild_store_the_same_fields_and_reads_decode_them()
    {
        var board = factory.Services.GetRequiredService<ContestBoard>();
        var db = factory.Services.GetRequiredService<RedisStore>().Database;
        const long scripted = 990_001, built = 990_002;
        await db.StringSetAsync(BoardKeys.State(scripted), BoardKeys.Ready);
        // A count first set higher, then lower: the rewrite replaces exactly its own four digits.
        (await board.TryApplyAsync(scripted, [.. Counts.Select(c => Change(c.Member, c.Correct + 1))])).ShouldBeTrue();
        (await board.TryApplyAsync(scripted, [.. Counts.Select(c => Change(c.Member, c.Correct))])).ShouldBeTrue();
        await db.HashSetAsync(BoardKeys.Correct(built), BoardCorrect.Fields(Counts));

        var fields = (await db.HashGetAllAsync(BoardKeys.Correct(scripted))).OrderBy(e => (long)e.Name).ToList();
        fields.Select(f => (long)f.Name).ShouldBe([0L, 1, 2, 140_625]);
        fields.ShouldBe((await db.HashGetAllAsync(BoardKeys.Correct(built))).OrderBy(e => (long)e.Name).ToList());
        (await BoardCorrect.ReadAsync(db, scripted, [.. Counts.Select(c => c.Member), 65, 9_999_999]))
            .ShouldBe([.. Counts.Select(c => (int?)c.Correct), 0, null]);

        // The read script decodes them into the rows it returns (names are fetched for rows without one: none here).
        var rows = await board.TopAsync(scripted, 10, allowSnapshot: false);
        rows.ToDictionary(r => r.MemberId, r => r.CorrectCount).ShouldBe(Counts.ToDictionary(c => c.Member, c => c.Correct), ignoreOrder: true);
    }

    [Fact]
    public async Task Removing_a_member_zeroes_only_their_count()
    {
        var board = factory.Services.GetRequiredService<ContestBoard>();
        var db = factory.Services.GetRequiredService<RedisStore>().Database;
        const long contest = 990_003;
        await db.StringSetAsync(BoardKeys.State(contest), BoardKeys.Ready);
        (await board.TryApplyAsync(contest, [Change(64, 9), Change(65, 11)])).ShouldBeTrue();
        (await board.TryApplyAsync(contest, [Change(64, 9) with { Removed = true }])).ShouldBeTrue();
        (await BoardCorrect.ReadAsync(db, contest, [64, 65])).ShouldBe([0, 11]);
    }

    // Scores differ per member so the order is fixed; no organisation figures are involved ("/" has no ancestors).
    private static BoardChange Change(long member, int correct) =>
        new(member, "/", BoardScore.Encode(correct, 1000, null, DateTime.UnixEpoch, 100), correct, 0);
}
