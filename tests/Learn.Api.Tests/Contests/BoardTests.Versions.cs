using Learn.Core.Contests.Boards;
using Learn.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Contests;

/// <summary>Entry versions (docs/decisions/0314): a change applied after a rebuild that already read it counts once.</summary>
public partial class BoardTests
{
    [Fact]
    public async Task Changes_queued_across_a_rebuild_another_process_ran_are_counted_once()
    {
        var contest = await ContestAsync();
        await factory.Services.GetRequiredService<ContestBoard>().EnsureReadyAsync(contest.Id);
        var other = await PlayAsync(contest, _b, "重建前已答", 1, TimeSpan.FromSeconds(2));
        var member = await factory.MemberAsync(_a, "排队跨重建");
        var client = await factory.CreateMemberClientAsync(member.Id);

        await WhileTheQueueIsHeldAsync(async () =>
        {
            // Joined and two answers, all committed; their board changes wait in this instance's queue.
            await client.StartAsync(contest.Id);
            for (var i = 0; i < 2; i++) await factory.AnswerCurrentAsync(client, contest.Id, true);
            // Then a rebuild this instance knows nothing of, as `rebuild-boards`, a reschedule in Learn.Admin or another
            // instance's catch-up would run it: it reads all three from the database.
            await factory.Services.GetRequiredService<BoardRebuilder>().RebuildAsync(contest.Id);
        });

        var counted = await RollUpsEqualTheCountedEntriesAsync(other, contest);
        var entry = counted.Single(e => e.MemberId == member.Id);
        entry.BoardVersion.ShouldBe(2);
        var row = (await other.BoardAsync(contest.Id)).GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("memberId").GetInt64() == member.Id);
        row.GetProperty("score").GetInt32().ShouldBe(entry.Score);
    }
}
