using System.Globalization;
using System.Text.RegularExpressions;
using FakeWeChat;
using Learn.TestSupport;
using Xunit.Abstractions;

namespace Learn.Jobs.Tests.Scheduling;

/// <summary>
/// Two real Learn.Jobs processes on one PostgreSQL database are two Hangfire servers on one storage: every occurrence
/// of a recurring job runs on exactly one of them, and when one is killed the other carries on.
/// </summary>
// Several Learn.Jobs processes each: these classes take turns rather than starve each other of the two cores.
[Collection("Learn.Jobs processes")]
public partial class ClusterTests(ITestOutputHelper output)
{
    private const int PeriodSeconds = 2;

    [Fact]
    public async Task Two_nodes_run_every_occurrence_of_a_short_schedule_exactly_once_and_the_survivor_carries_on_after_a_kill()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var wechat = await FakeWeChatServer.StartAsync();
        var prefix = "cluster" + Guid.NewGuid().ToString("N")[..8] + ":";
        Dictionary<string, string?> Settings(int port)
        {
            var s = ProcessSettings.For(database.ConnectionString, wechat, prefix, port);
            s["Jobs:TermReminders:Cron"] = $"*/{PeriodSeconds} * * * * *"; // every two seconds instead of daily
            return s;
        }

        var portA = JobsProcess.FreePort();
        await using var a = JobsProcess.Start(Settings(portA));
        await a.WaitReadyAsync(portA, TimeSpan.FromSeconds(90)); // A migrates and creates Hangfire's schema first
        var portB = JobsProcess.FreePort();
        await using var b = JobsProcess.Start(Settings(portB));
        await b.WaitReadyAsync(portB, TimeSpan.FromSeconds(180));

        var bothUp = DateTimeOffset.UtcNow;
        await WaitForRunsAsync(() => Runs(a, b).Where(r => r.Slot > bothUp).ToList(), 20, TimeSpan.FromSeconds(120));
        var together = Runs(a, b).Where(r => r.Slot > bothUp).ToList();
        a.KillHard();
        var killedAt = DateTimeOffset.UtcNow;
        await WaitForRunsAsync(() => Runs(b).Where(r => r.Slot > killedAt.AddSeconds(5)).ToList(), 3, TimeSpan.FromSeconds(60));
        var all = Runs(a, b);

        output.WriteLine($"while both ran: {together.Count} runs (A {together.Count(r => r.Node == "A")}, B {together.Count(r => r.Node == "B")}); total {all.Count}");
        // Hangfire's Relaxed rule stamps a run with the moment it was created; that moment falls in its occurrence's
        // two-second period, and a second run created for the same occurrence would fall in the same period.
        all.GroupBy(r => r.Occurrence).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty(
            "occurrences run more than once: " + string.Join(", ", all.OrderBy(r => r.Slot).Select(r => $"{r.Slot:HH:mm:ss.fff} {r.Node}")));
        together.Count.ShouldBeGreaterThanOrEqualTo(20);
        var span = (together.Max(r => r.Occurrence) - together.Min(r => r.Occurrence)) + 1;
        // Only a scheduler poll later than a whole period merges two occurrences into one run; on a loaded machine a few may.
        (span - together.Count).ShouldBeLessThanOrEqualTo(2, "occurrences without a run while both nodes were up");
    }

    private sealed record Run(string Node, DateTimeOffset Slot)
    {
        public long Occurrence => Slot.ToUnixTimeSeconds() / PeriodSeconds;
    }

    private static List<Run> Runs(HostProcess a, HostProcess b) => [.. Runs(a, "A"), .. Runs(b, "B")];

    private static List<Run> Runs(HostProcess process, string node = "B") =>
        process.Lines.Select(line => JobRun().Match(line)).Where(m => m.Success)
            .Select(m => new Run(node, DateTimeOffset.Parse(m.Groups[1].Value.Replace("\\u002B", "+", StringComparison.Ordinal), CultureInfo.InvariantCulture)))
            .ToList();

    internal static async Task WaitForRunsAsync<T>(Func<List<T>> runs, int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (runs().Count < count)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"only {runs().Count} of {count} runs seen");
            await Task.Delay(200); // watching a real two-second schedule, the subject of this test
        }
    }

    [GeneratedRegex(@"job-run learn\.term-reminders (\S+) \S+ \S+ ok")]
    private static partial Regex JobRun();
}
