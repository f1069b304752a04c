using Learn.Api.Contests;
using Learn.Core.Auditing;
using Learn.Core.Contests;
using Learn.Core.Contests.Boards;
using Learn.Core.Members;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Contests;

/// <summary>Voiding a result: audited, off every board and roll-up, and kept off against changes still queued and rebuilds.</summary>
public partial class BoardTests
{
    [Fact]
    public async Task Voiding_a_result_records_the_reason_and_takes_it_off_every_board()
    {
        var contest = await ContestAsync();
        var cheat = await factory.MemberAsync(_a, "作弊者");
        var cheatClient = await factory.CreateMemberClientAsync(cheat.Id);
        await cheatClient.StartAsync(contest.Id);
        for (var i = 0; i < 2; i++) await factory.AnswerCurrentAsync(cheatClient, contest.Id, true);
        var other = await PlayAsync(contest, _b, "老实人", 1, TimeSpan.FromSeconds(2));
        // Board changes follow the acknowledgement (ADR 0306); a read waits for them only briefly, so under a loaded
        // suite let this instance's queue drain before taking the "before" figures.
        await factory.Services.GetRequiredService<BoardCatchUp>().SettledAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        (await other.BoardAsync(contest.Id)).MemberIds().ShouldContain(cheat.Id);
        var orgBefore = await (await other.GetAsync($"/api/contests/{contest.Id}/board/orgs")).JsonAsync();

        await using (var scope = factory.Services.CreateAsyncScope())
            (await scope.ServiceProvider.GetRequiredService<ContestAdmin>().VoidAsync("/", contest.Id, cheat.Id, "代答，经核实作废",
                new AuditActor(AuditActorKind.Organizer, 7, "组织委员"))).ShouldBeTrue();

        (await other.BoardAsync(contest.Id)).MemberIds().ShouldNotContain(cheat.Id);
        var orgAfter = await (await other.GetAsync($"/api/contests/{contest.Id}/board/orgs")).JsonAsync();
        orgAfter.GetProperty("parent").GetProperty("totalScore").GetInt64()
            .ShouldBe(orgBefore.GetProperty("parent").GetProperty("totalScore").GetInt64() - 20); // two right answers, no speed bonus
        orgAfter.GetProperty("parent").GetProperty("participants").GetInt64()
            .ShouldBe(orgBefore.GetProperty("parent").GetProperty("participants").GetInt64() - 1);
        var entry = await factory.WithDbAsync(db => db.Set<ContestEntry>().SingleAsync(e => e.ContestId == contest.Id && e.MemberId == cheat.Id));
        var audit = await factory.WithDbAsync(db => db.AuditLog.SingleAsync(a => a.Action == "contest.void" && a.EntityId == entry.Id.ToString()));
        audit.Reason.ShouldBe("代答，经核实作废");
        audit.ActorName.ShouldBe("组织委员");

        await FlushOurKeysAsync(); // and a rebuild keeps it voided
        (await other.BoardAsync(contest.Id)).MemberIds().ShouldNotContain(cheat.Id);
    }

    [Fact]
    public Task A_change_still_queued_when_the_result_is_voided_does_not_bring_it_back() => VoidWhileAChangeIsQueuedAsync("排队中作废", "旁观者");

    [Fact]
    public Task A_flush_between_the_void_and_a_queued_change_does_not_bring_it_back() =>
        // Then Redis loses everything (FLUSHALL, a restart without data) and a read rebuilds the board from the database while
        // the change still waits: the voided set must come back with the board.
        VoidWhileAChangeIsQueuedAsync("清空后作废", "清空旁观者", async (other, contest, cheat) =>
        {
            await FlushOurKeysAsync();
            (await other.BoardAsync(contest.Id)).MemberIds().ShouldNotContain(cheat.Id);
        });

    /// <summary>
    /// A member's second answer is committed but its board change waits in this instance's queue while the result is voided
    /// (and <paramref name="meanwhile"/> happens); once the queue is released the result stays off every board.
    /// </summary>
    private async Task VoidWhileAChangeIsQueuedAsync(string cheatName, string otherName, Func<HttpClient, Contest, Member, Task>? meanwhile = null)
    {
        var contest = await ContestAsync();
        await factory.Services.GetRequiredService<ContestBoard>().EnsureReadyAsync(contest.Id);
        var cheat = await factory.MemberAsync(_a, cheatName);
        var cheatClient = await factory.CreateMemberClientAsync(cheat.Id);
        await cheatClient.StartAsync(contest.Id);
        await factory.AnswerCurrentAsync(cheatClient, contest.Id, true);
        var other = await PlayAsync(contest, _b, otherName, 1, TimeSpan.FromSeconds(2));
        await WhileTheQueueIsHeldAsync(async () =>
        {
            await factory.AnswerCurrentAsync(cheatClient, contest.Id, true);
            await using var scope = factory.Services.CreateAsyncScope();
            (await scope.ServiceProvider.GetRequiredService<ContestAdmin>().VoidAsync("/", contest.Id, cheat.Id, "代答，经核实作废",
                new AuditActor(AuditActorKind.Organizer, 7, "组织委员"))).ShouldBeTrue();
            if (meanwhile is not null) await meanwhile(other, contest, cheat);
        });

        (await other.BoardAsync(contest.Id)).MemberIds().ShouldNotContain(cheat.Id);
        await RollUpsEqualTheCountedEntriesAsync(other, contest);
    }
}
