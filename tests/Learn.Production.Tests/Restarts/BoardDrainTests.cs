using System.Collections.Concurrent;
using System.Net;
using Learn.Core.Contests;
using Learn.Core.Contests.Boards;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Learn.Production.Tests.Restarts;

/// <summary>
/// Board changes are applied after the acknowledgement (docs/decisions/0306, 0307), so at SIGTERM a Learn.Api
/// process may still hold some queued. It applies them after its answer writers drained: afterwards the Redis
/// board equals contest_entries for every member, with no rebuild from the database.
/// </summary>
public sealed class BoardDrainTests : IAsyncLifetime
{
    private readonly Deployment _deployment = new();
    private readonly OwnRedis _redis = new(); // the process's own, so the test may pause it

    public async Task InitializeAsync() => await Task.WhenAll(_deployment.InitializeAsync(), _redis.StartAsync());

    public async Task DisposeAsync()
    {
        await _deployment.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task SIGTERM_under_answer_load_applies_the_queued_board_changes_before_exiting()
    {
        var (contestId, members) = await _deployment.ContestAsync(members: 16);
        var tokens = new List<string>();
        foreach (var m in members) tokens.Add(await _deployment.MemberTokenAsync(m));
        var (port, management) = (HostProcess.FreePort(), HostProcess.FreePort());
        var env = _deployment.HostEnvironment(port, management);
        env["Contests:AnswerLingerMs"] = "20"; // batches that wait a little: the writers hold answers when the signal arrives
        env["ConnectionStrings:Redis"] = _redis.ConnectionString;
        await using var api = HostProcess.Start("Learn.Api", env, null);
        var url = new Uri($"http://127.0.0.1:{port}");
        await api.WaitReadyAsync(url, TimeSpan.FromSeconds(120));
        // A first read builds the (empty) board, so every change after it is applied, never rebuilt.
        using (var first = Deployment.Client(url, tokens[0]))
            (await first.GetAsync($"/api/contests/{contestId}/board")).EnsureSuccessStatusCode();

        var acknowledged = 0;
        var failures = new ConcurrentBag<string>();
        var load = tokens.Select(token => Task.Run(async () =>
        {
            using var member = Deployment.Client(url, token);
            while (true)
            {
                try
                {
                    var (answer, _, seq) = await Deployment.AnswerNextAsync(member, contestId);
                    if (answer.StatusCode == HttpStatusCode.OK && seq > 0) Interlocked.Increment(ref acknowledged);
                    else if ((int)answer.StatusCode >= 500) failures.Add($"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
                }
                catch (HttpRequestException)
                {
                    return; // the process stopped taking requests
                }
            }
        })).ToList();

        var warmUntil = DateTime.UtcNow.AddSeconds(60);
        while (Volatile.Read(ref acknowledged) < 60 && DateTime.UtcNow < warmUntil) await Task.Delay(50);
        Volatile.Read(ref acknowledged).ShouldBeGreaterThanOrEqualTo(60, "the load must be running when the signal arrives");
        // Redis slow for a moment: answers are still acknowledged (the board is not on their path) and their
        // changes queue up behind the one apply Redis holds. The signal arrives with the queue full.
        await _redis.PauseAsync(1500);
        var duringPause = Volatile.Read(ref acknowledged);
        await Task.Delay(400);
        api.SendTerm();
        (await api.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0, api.Output);
        await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(30));
        failures.ShouldBeEmpty();
        Volatile.Read(ref acknowledged).ShouldBeGreaterThan(duringPause, "answers acknowledged while Redis was paused");

        // Read Redis directly (no API read, which could rebuild): the board as the stopped process left it.
        var entries = await _deployment.WithDbAsync(db => db.Set<ContestEntry>().Where(e => e.ContestId == contestId && !e.Voided)
            .ToDictionaryAsync(e => e.MemberId, e => (e.Score, e.CorrectCount)));
        var (state, board, correct) = await Task.Run(async () =>
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
            var db = redis.GetDatabase().WithKeyPrefix(_deployment.RedisKeyPrefix);
            var persons = await db.SortedSetRangeByRankWithScoresAsync(BoardKeys.Persons(contestId));
            var counts = await BoardCorrect.ReadAsync(db, contestId, [.. entries.Keys]);
            return ((string?)await db.StringGetAsync(BoardKeys.State(contestId)),
                persons.ToDictionary(e => (long)e.Element, e => BoardScore.ScoreOf(e.Score)),
                entries.Keys.Zip(counts).ToDictionary(p => p.First, p => p.Second ?? -1));
        });
        state.ShouldBe(BoardKeys.Ready);
        entries.Count.ShouldBe(members.Count);
        board.ShouldBe(entries.ToDictionary(e => e.Key, e => e.Value.Score), ignoreOrder: true);
        correct.ShouldBe(entries.ToDictionary(e => e.Key, e => e.Value.CorrectCount), ignoreOrder: true);
        api.Output.ShouldNotContain("fell behind"); // no rebuild papered over a dropped change
    }
}
