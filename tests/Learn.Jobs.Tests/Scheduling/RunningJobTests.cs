using FakeWeChat;
using Hangfire;
using Hangfire.States;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Jobs;
using Learn.Core.Organizations;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;

namespace Learn.Jobs.Tests.Scheduling;

/// <summary>
/// Two real Learn.Jobs nodes, and a Hangfire job caught mid-run on one of them: the contest lifecycle job, held inside
/// its first query by a table lock the test takes. The node running it is then stopped — with SIGTERM (a rolling
/// restart: it hands the job back and exits cleanly) or with kill -9 (the other node takes the job over once the dead
/// node's claim and lock lapse: InvisibilityTimeout and DistributedLockTimeout, both a minute, docs/decisions/0403).
/// Either way the chain runs once: the contest is closed and each participant's result reaches WeChat exactly once.
/// </summary>
[Collection("Learn.Jobs processes")]
public class RunningJobTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_node_stopped_with_SIGTERM_mid_job_hands_the_job_back_exits_cleanly_and_the_other_node_runs_it_once()
    {
        await using var cluster = await Cluster.StartAsync();
        var (jobId, runner, other) = await cluster.CatchJobMidRunAsync();

        var stopped = DateTime.UtcNow;
        runner.SendTerm();
        (await runner.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0, runner.Output);
        // Handed back, not abandoned: the other node has it at once, while the lock still holds it back —
        // long before the minute after which a dead node's job would come back.
        await cluster.ProcessingOnAsync(jobId, other, TimeSpan.FromSeconds(20));
        output.WriteLine($"the other node took the job {(DateTime.UtcNow - stopped).TotalSeconds:0.0} s after SIGTERM");
        runner.Lines.ShouldNotContain(l => l.Contains("job-run learn.contest-lifecycle", StringComparison.Ordinal) && l.Contains(" failed", StringComparison.Ordinal),
            "a job handed back at shutdown is not a failed run");
        runner.Lines.ShouldContain(l => l.Contains("job-handed-back learn.contest-lifecycle", StringComparison.Ordinal));

        await cluster.ReleaseAndCheckAsync(jobId, other);
    }

    [Fact]
    public async Task A_node_killed_mid_job_loses_it_to_the_other_node_within_about_a_minute_and_nothing_is_sent_twice()
    {
        await using var cluster = await Cluster.StartAsync();
        var (jobId, runner, other) = await cluster.CatchJobMidRunAsync();

        runner.KillHard();
        var killed = DateTime.UtcNow;
        await cluster.ReleaseLockAsync(); // the dead node's claim, not the table lock, is what the survivor waits for now
        await cluster.ProcessingOnAsync(jobId, other, TimeSpan.FromSeconds(100));
        var took = DateTime.UtcNow - killed;
        output.WriteLine($"the surviving node took the job {took.TotalSeconds:0.0} s after the kill");
        took.ShouldBeLessThan(TimeSpan.FromSeconds(90), "InvisibilityTimeout and DistributedLockTimeout are a minute");

        await cluster.ReleaseAndCheckAsync(jobId, other);
    }

    private sealed class Cluster : IAsyncDisposable
    {
        private readonly PostgresTestDatabase _database;
        private readonly FakeWeChatServer _wechat;
        private readonly JobStorage _storage;
        private readonly List<HostProcess> _nodes = [];
        private NpgsqlConnection? _lock;

        private Cluster(PostgresTestDatabase database, FakeWeChatServer wechat)
        {
            (_database, _wechat) = (database, wechat);
            _storage = HangfireStorage.Create(DatabaseProvider.Postgres, database.ConnectionString, new SchedulerSettings());
        }

        public long ContestId { get; private set; }

        public static async Task<Cluster> StartAsync()
        {
            var cluster = new Cluster(await PostgresTestDatabase.CreateAsync(), await FakeWeChatServer.StartAsync());
            try
            {
                await cluster.SeedAsync();
                var prefix = "running" + Guid.NewGuid().ToString("N")[..8] + ":";
                foreach (var _ in new[] { 1, 2 })
                {
                    var port = JobsProcess.FreePort();
                    var settings = ProcessSettings.For(cluster._database.ConnectionString, cluster._wechat, prefix, port);
                    // Only the test starts the lifecycle job, once; nothing else is scheduled.
                    foreach (var job in new[] { "PoliticalBirthdays", "HolidayNotices", "TermReminders", "ContestLifecycle", "ContestReminders", "DailyArticlePush" })
                        settings[$"Jobs:{job}:Cron"] = JobsFactory.Never;
                    var node = JobsProcess.Start(settings);
                    cluster._nodes.Add(node);
                    await node.WaitReadyAsync(port, TimeSpan.FromSeconds(180));
                }
                return cluster;
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }

        private async Task SeedAsync()
        {
            await using var db = Db();
            await DatabaseMigrator.MigrateAsync(db, NullLogger.Instance);
            var branch = await db.AddOrganizationAsync("接管测试党支部", OrganizationKind.Branch);
            var now = DateTime.UtcNow;
            var contest = new Contest
            {
                Title = "接管测试竞赛", Mode = ContestMode.Timed, StartsAt = now.AddDays(-2), EndsAt = now.AddMinutes(-5),
                OrganizationId = branch.Id, OrganizationPath = branch.Path, AudiencePaths = "|" + branch.Path + "|", EasyCount = 5, CreatedAt = now.AddDays(-3),
            };
            db.Add(contest);
            await db.SaveChangesAsync();
            foreach (var (name, score) in new[] { ("接管一", 30), ("接管二", 10) })
            {
                var m = await db.AddMemberAsync(branch, name);
                await db.BindMiniProgramAsync(m, "open-" + name);
                await db.GrantConsentsAsync(m, TestTemplates.ResultMini, 1);
                db.Add(new ContestEntry
                {
                    ContestId = contest.Id, MemberId = m.Id, OrganizationId = branch.Id, OrganizationPath = branch.Path, Score = score,
                    TotalMs = 60_000, ReachedAt = contest.StartsAt.AddHours(1), JoinedAt = contest.StartsAt.AddHours(1),
                });
            }
            await db.SaveChangesAsync();
            ContestId = contest.Id;
        }

        private LearnDbContext Db()
        {
            var options = new DbContextOptionsBuilder<LearnDbContext>();
            DatabaseRegistration.Configure(options, DatabaseProvider.Postgres, _database.ConnectionString);
            return new LearnDbContext(options.Options);
        }

        /// <summary>Locks the contests table, triggers the lifecycle job and waits until a node is inside it.</summary>
        public async Task<(string JobId, HostProcess Runner, HostProcess Other)> CatchJobMidRunAsync()
        {
            string table;
            await using (var db = Db()) table = db.Model.FindEntityType(typeof(Contest))!.GetTableName()!;
            _lock = new NpgsqlConnection(_database.ConnectionString);
            await _lock.OpenAsync();
            await using (var begin = new NpgsqlCommand($"BEGIN; LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE", _lock)) await begin.ExecuteNonQueryAsync();

            var jobId = new RecurringJobManager(_storage).TriggerJob(JobIds.ContestLifecycle) ?? throw new InvalidOperationException("no recurring job");
            var runner = await ProcessingOnAsync(jobId, null, TimeSpan.FromSeconds(30));
            await Task.Delay(500); // inside the job by now: its first query waits for the table lock
            using (var connection = _storage.GetConnection()) connection.GetStateData(jobId).Name.ShouldBe(ProcessingState.StateName);
            return (jobId, runner, _nodes.Single(n => n != runner));
        }

        /// <summary>Waits until the job is processing on <paramref name="node"/> (any node when null) and returns that node.</summary>
        public async Task<HostProcess> ProcessingOnAsync(string jobId, HostProcess? node, TimeSpan timeout)
        {
            var until = DateTime.UtcNow + timeout;
            while (true)
            {
                using (var connection = _storage.GetConnection())
                {
                    var state = connection.GetStateData(jobId);
                    if (state?.Name == ProcessingState.StateName && state.Data.TryGetValue("ServerId", out var server))
                    {
                        var on = _nodes.FirstOrDefault(n => server.Contains($":{n.Id}:", StringComparison.Ordinal));
                        if (on is not null && (node is null || on == node)) return on;
                    }
                }
                if (DateTime.UtcNow > until) throw new TimeoutException($"job {jobId} is not processing on the expected node:\n" + string.Join('\n', _nodes.SelectMany(n => n.Lines.TakeLast(15))));
                await Task.Delay(100); // polling Hangfire for the job's state
            }
        }

        public async Task ReleaseLockAsync()
        {
            if (_lock is null) return;
            await _lock.DisposeAsync(); // closing the connection ends its transaction and the lock
            _lock = null;
        }

        /// <summary>Lets the job go on and checks the chain ran once: closed, frozen ranking, one result per participant.</summary>
        public async Task ReleaseAndCheckAsync(string jobId, HostProcess survivor)
        {
            await ReleaseLockAsync();
            await JobsFactory.JobFinishedAsync(_storage, jobId, TimeSpan.FromSeconds(60));
            var until = DateTime.UtcNow.AddSeconds(60);
            while (Results().Count < 2 && DateTime.UtcNow < until) await Task.Delay(100); // polling for the chain's sends
            await Task.Delay(TimeSpan.FromSeconds(2)); // and no second send follows
            Results().Order().ToArray().ShouldBe(["open-接管一", "open-接管二"], string.Join('\n', survivor.Lines.TakeLast(30)));
            await using var db = Db();
            (await db.Set<Contest>().SingleAsync(c => c.Id == ContestId)).ClosedAt.ShouldNotBeNull();
            (await db.Set<ContestFinalRank>().CountAsync(r => r.ContestId == ContestId)).ShouldBe(2);
        }

        private List<string?> Results() => _wechat.RequestsTo(FakePaths.SubscribeSend)
            .Where(r => r.ErrCode == 0 && r.Json.GetProperty("template_id").GetString() == TestTemplates.ResultMini)
            .Select(r => r.Json.GetProperty("touser").GetString()).ToList();

        public async ValueTask DisposeAsync()
        {
            await ReleaseLockAsync();
            foreach (var node in _nodes) await node.DisposeAsync();
            await _wechat.DisposeAsync();
            await _database.DisposeAsync();
        }
    }
}
