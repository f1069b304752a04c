using System.Text.RegularExpressions;
using FakeWeChat;
using Learn.TestSupport;
using Xunit.Abstractions;

namespace Learn.Jobs.Tests.Scheduling;

/// <summary>Two real Learn.Jobs processes on one PostgreSQL database share one clustered scheduler.</summary>
public partial class ClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_nodes_never_fire_the_same_slot_twice_and_the_survivor_carries_on_after_a_kill()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var wechat = await FakeWeChatServer.StartAsync();
        var prefix = "cluster" + Guid.NewGuid().ToString("N")[..8] + ":";
        Dictionary<string, string?> Settings(int port)
        {
            var s = ProcessSettings.For(database.ConnectionString, wechat, prefix, port);
            s["Jobs:TermReminders:Cron"] = "0/2 * * * * ?"; // every two seconds instead of daily
            s["Jobs:Scheduler:CheckinInterval"] = "00:00:02";
            s["Jobs:Scheduler:CheckinMisfireThreshold"] = "00:00:06";
            return s;
        }

        var portA = JobsProcess.FreePort();
        await using var a = JobsProcess.Start(Settings(portA));
        await a.WaitReadyAsync(portA, TimeSpan.FromSeconds(90)); // A migrates and provisions the schema first
        var triggerBeforeB = await TriggerRowAsync(database.ConnectionString);
        var portB = JobsProcess.FreePort();
        await using var b = JobsProcess.Start(Settings(portB));
        await b.WaitReadyAsync(portB, TimeSpan.FromSeconds(90));

        var bothUp = DateTimeOffset.UtcNow;
        // A node joining with the same schedule leaves the stored trigger alone: replacing it could re-arm a slot A just fired.
        (await TriggerRowAsync(database.ConnectionString)).start.ShouldBe(triggerBeforeB.start);
        await WaitForRunsAsync(() => Runs(a, b).Where(r => r.Slot > bothUp).ToList(), 6, TimeSpan.FromSeconds(60));
        var beforeKill = Runs(a, b);
        (await CheckedInNodesAsync(database.ConnectionString)).ShouldBe(2, "both nodes check in to one cluster");
        a.KillHard();
        var killedAt = DateTimeOffset.UtcNow;
        await WaitForRunsAsync(() => Runs(b).Where(r => r.Slot > killedAt.AddSeconds(10)).ToList(), 3, TimeSpan.FromSeconds(60));
        var all = Runs(a, b);

        output.WriteLine($"runs before the kill: {beforeKill.Count} (A {beforeKill.Count(r => r.Node == "A")}, B {beforeKill.Count(r => r.Node == "B")}); total {all.Count}");
        // Unclustered, B's scheduler would fire every slot A fires; that it fires after A's death shows it was running.
        all.GroupBy(r => r.Slot).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty(
            "slots fired more than once: " + string.Join(", ", all.OrderBy(r => r.Slot).Select(r => $"{r.Slot:HH:mm:ss} {r.Node}")));
    }

    private static async Task<long> CheckedInNodesAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM qrtz_scheduler_state WHERE sched_name = 'learn-jobs'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<(long start, string cron)> TriggerRowAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""
            SELECT t.start_time, c.cron_expression FROM qrtz_triggers t JOIN qrtz_cron_triggers c USING (sched_name, trigger_name, trigger_group)
            WHERE t.trigger_name = 'term-reminders-daily'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue("A declared the trigger");
        return (reader.GetInt64(0), reader.GetString(1));
    }

    private sealed record Run(string Node, DateTimeOffset Slot);

    private static List<Run> Runs(JobsProcess a, JobsProcess b) => [.. Runs(a, "A"), .. Runs(b, "B")];

    private static List<Run> Runs(JobsProcess process, string node = "B") =>
        process.Output.Select(line => JobRun().Match(line)).Where(m => m.Success)
            .Select(m => new Run(node, DateTimeOffset.Parse(m.Groups[1].Value.Replace("\\u002B", "+", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

    private static async Task WaitForRunsAsync(Func<List<Run>> runs, int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (runs().Count < count)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"only {runs().Count} of {count} firings seen");
            await Task.Delay(200); // watching a real two-second trigger, the subject of this test
        }
    }

    [GeneratedRegex(@"job-run learn\.term-reminders (\S+) \S+ ok")]
    private static partial Regex JobRun();
}
