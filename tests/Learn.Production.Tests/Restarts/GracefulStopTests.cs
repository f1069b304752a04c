using Learn.TestSupport;
using System.Collections.Concurrent;
using System.Net;
using Learn.Core.Contests;
using Microsoft.EntityFrameworkCore;

namespace Learn.Production.Tests.Restarts;

/// <summary>
/// A rolling restart under answer load: two Learn.Api processes share the database and Redis, members answer
/// on both, one gets SIGTERM. It drains (the group-commit queue is written and answered) and exits 0; no
/// request it took gets a 5xx, and every answer a member was told was stored is in the database.
/// </summary>
public sealed class GracefulStopTests : IAsyncLifetime
{
    private readonly Deployment _deployment = new();

    public Task InitializeAsync() => _deployment.InitializeAsync();
    public Task DisposeAsync() => _deployment.DisposeAsync();

    [Fact]
    public async Task SIGTERM_under_answer_load_loses_no_acknowledged_answer_and_answers_no_5xx()
    {
        var (contestId, members) = await _deployment.ContestAsync(members: 16);
        var tokens = new List<string>();
        foreach (var m in members) tokens.Add(await _deployment.MemberTokenAsync(m));
        var ports = new[] { (HostProcess.FreePort(), HostProcess.FreePort()), (HostProcess.FreePort(), HostProcess.FreePort()) };
        var env0 = _deployment.HostEnvironment(ports[0].Item1, ports[0].Item2);
        env0["Contests:AnswerLingerMs"] = "20"; // batches that wait a little: the queue is never empty under load
        await using var stopping = HostProcess.Start("Learn.Api", env0, null);
        await using var staying = HostProcess.Start("Learn.Api", _deployment.HostEnvironment(ports[1].Item1, ports[1].Item2), null);
        var bases = ports.Select(p => new Uri($"http://127.0.0.1:{p.Item1}")).ToArray();
        await stopping.WaitReadyAsync(bases[0], TimeSpan.FromSeconds(120));
        await staying.WaitReadyAsync(bases[1], TimeSpan.FromSeconds(120));

        var acknowledged = new ConcurrentBag<(long AttemptId, int Seq)>();
        var fromStopping5xx = new ConcurrentBag<string>();
        var refused = 0;
        var otherStatuses = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var load = tokens.Select((token, i) => Task.Run(async () =>
        {
            // Half the members on each instance; the stopping one's members move over when it refuses connections.
            var onStopping = i % 2 == 0;
            while (!stop.IsCancellationRequested)
            {
                using var member = Deployment.Client(onStopping ? bases[0] : bases[1], token);
                try
                {
                    var (answer, attemptId, seq) = await Deployment.AnswerNextAsync(member, contestId);
                    if (answer.StatusCode == HttpStatusCode.OK && seq > 0) acknowledged.Add((attemptId, seq));
                    else if ((int)answer.StatusCode >= 500 && onStopping) fromStopping5xx.Add($"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
                    else if (answer.StatusCode != HttpStatusCode.OK) otherStatuses.Add($"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
                }
                catch (HttpRequestException) when (onStopping)
                {
                    Interlocked.Increment(ref refused); // connection refused or closed: nothing acknowledged, go to the other instance
                    onStopping = false;
                }
                catch (Exception ex) when (ex is not HttpRequestException)
                {
                    otherStatuses.Add(ex.GetType().Name + ": " + ex.Message);
                    await Task.Delay(100);
                }
            }
        })).ToList();

        var warmUntil = DateTime.UtcNow.AddSeconds(60);
        while (acknowledged.Count < 40 && DateTime.UtcNow < warmUntil) await Task.Delay(100);
        var beforeStop = acknowledged.Count;
        beforeStop.ShouldBeGreaterThanOrEqualTo(40, "the load must be running when the signal arrives: " + string.Join('\n', otherStatuses.Take(5)));
        stopping.SendTerm();
        (await stopping.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0, stopping.Output);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        fromStopping5xx.ShouldBeEmpty();
        var stored = await _deployment.WithDbAsync(db => db.Set<ContestAnswer>().Where(a => a.ContestId == contestId)
            .Select(a => new { a.AttemptId, a.Seq }).ToListAsync());
        var storedSet = stored.Select(a => (a.AttemptId, a.Seq)).ToHashSet();
        acknowledged.Where(a => !storedSet.Contains(a)).ShouldBeEmpty();
        stopping.Output.ShouldContain("Application is shutting down");
    }
}
