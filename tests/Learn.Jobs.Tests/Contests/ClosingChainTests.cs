using FakeWeChat;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Learn.Core.Contests;
using Learn.Core.Organizations;
using Learn.Jobs.Contests;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Tests.Contests;

/// <summary>
/// The contest's closing chain as Hangfire runs it (docs/decisions/0403): one run of the lifecycle job enqueues
/// "close and freeze the final ranking", and the results notification as a Hangfire continuation that waits
/// (Awaiting) until that step has succeeded — read back from Hangfire's own job history.
/// </summary>
public class ClosingChainTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    [Fact]
    public async Task Close_then_frozen_ranking_then_results_run_as_a_Hangfire_continuation_chain()
    {
        factory.Clock.SetShanghai(2026, 11, 23, 9, 0);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var contestId = await factory.WithDbAsync(async db =>
        {
            var branch = await db.AddOrganizationAsync("连续任务党支部", OrganizationKind.Branch);
            var c = new Contest
            {
                Title = "连续任务竞赛", Mode = ContestMode.Timed, StartsAt = now.AddDays(-3), EndsAt = now.AddHours(-1),
                OrganizationId = branch.Id, OrganizationPath = branch.Path, AudiencePaths = "|" + branch.Path + "|", EasyCount = 5, CreatedAt = now.AddDays(-4),
            };
            db.Add(c);
            await db.SaveChangesAsync();
            foreach (var (name, score) in new[] { ("链一", 40), ("链二", 20) })
            {
                var m = await db.AddMemberAsync(branch, name);
                await db.BindMiniProgramAsync(m, "open-" + name);
                await db.GrantConsentsAsync(m, TestTemplates.ResultMini, 1);
                db.Add(new ContestEntry
                {
                    ContestId = c.Id, MemberId = m.Id, OrganizationId = branch.Id, OrganizationPath = branch.Path, Score = score,
                    TotalMs = 60_000, ReachedAt = c.StartsAt.AddHours(1), JoinedAt = c.StartsAt.AddHours(1),
                });
            }
            await db.SaveChangesAsync();
            return c.Id;
        });

        await factory.RunJobAsync(ContestLifecycleJob.Id); // once: the chain does the rest

        var monitor = factory.Storage.GetMonitoringApi();
        var close = await SucceededStepAsync(monitor, nameof(ContestClosingSteps.CloseAsync), contestId);
        var notify = await SucceededStepAsync(monitor, nameof(ContestClosingSteps.NotifyResultsAsync), contestId);
        // Newest first: Succeeded, Processing, Enqueued, Awaiting (created waiting for its parent, the close step).
        var history = monitor.JobDetails(notify).History;
        var awaiting = history.Last();
        awaiting.StateName.ShouldBe(AwaitingState.StateName);
        awaiting.Data["ParentId"].ShouldBe(close);
        // The child is enqueued in the same storage transaction that records the parent's success, whose two time stamps
        // need not be in order (one CI run had them 12 ms apart the other way): compare with the parent's start instead.
        var closeStarted = monitor.JobDetails(close).History.First(h => h.StateName == ProcessingState.StateName).CreatedAt;
        history.First(h => h.StateName == EnqueuedState.StateName).CreatedAt.ShouldBeGreaterThan(closeStarted);

        var closed = await factory.WithDbAsync(db => db.Set<Contest>().AsNoTracking().SingleAsync(c => c.Id == contestId));
        closed.ClosedAt.ShouldNotBeNull();
        (await factory.WithDbAsync(db => db.Set<ContestFinalRank>().CountAsync(r => r.ContestId == contestId))).ShouldBe(2);
        await factory.OutboxSettledAsync();
        factory.WeChat.RequestsTo(FakePaths.SubscribeSend).Where(r => r.ErrCode == 0 && r.Json.GetProperty("template_id").GetString() == TestTemplates.ResultMini)
            .Select(r => r.Json.GetProperty("touser").GetString()).Order().ToArray().ShouldBe(["open-链一", "open-链二"], await factory.OutboxDumpAsync());
    }

    /// <summary>The id of the succeeded chain step <paramref name="method"/> for the contest, once Hangfire has it.</summary>
    private static async Task<string> SucceededStepAsync(IMonitoringApi monitor, string method, long contestId)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var found = monitor.SucceededJobs(0, 500).FirstOrDefault(j =>
                j.Value.Job?.Method.Name == method && j.Value.Job.Args.Count > 0 && Convert.ToInt64(j.Value.Job.Args[0], System.Globalization.CultureInfo.InvariantCulture) == contestId);
            if (found.Key is not null) return found.Key;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{method}({contestId}) did not succeed in Hangfire within a minute.");
            await Task.Delay(50); // polling Hangfire for an outcome
        }
    }
}
