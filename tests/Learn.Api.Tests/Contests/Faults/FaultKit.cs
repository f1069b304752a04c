using System.Diagnostics;
using Learn.Core.Auth;
using Learn.Core.Contests;
using Learn.Core.Contests.Boards;
using Learn.Core.Redis;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Learn.Api.Tests.Contests.Faults;

/// <summary>Arranging a loaded contest and checking that its board agrees with the database, member by member.</summary>
internal static class FaultKit
{
    /// <summary>A timed contest of 30 questions (10 per level) and <paramref name="count"/> members answering it.</summary>
    public static async Task<(Contest Contest, List<HttpClient> Members)> LoadedContestAsync(this FaultApi factory, string title, int count = 6)
    {
        if (await factory.WithDbAsync(db => db.Set<Learn.Core.Questions.Question>().CountAsync()) == 0)
            (await factory.ImportAsync(ContestKit.BankCsv(perLevel: 10))).Committed.ShouldBeTrue();
        var (root, a, b) = await factory.TreeAsync();
        var contest = await factory.CreateContestAsync(root, new ContestDraft
        {
            Title = title, Mode = ContestMode.Timed, EasyCount = 10, MediumCount = 10, HardCount = 10, SecondsPerQuestion = 600,
        });
        var members = new List<HttpClient>();
        for (var i = 0; i < count; i++)
            members.Add(await factory.CreateMemberClientAsync((await factory.MemberAsync(i % 2 == 0 ? a : b, $"答题者{i}")).Id));
        return (contest, members);
    }

    /// <summary>A member client whose session this instance has revoked (through the shared set and pub/sub).</summary>
    public static async Task<HttpClient> RevokedClientAsync(this FaultApi factory)
    {
        var (_, a, _) = await factory.TreeAsync();
        var member = await factory.MemberAsync(a, "已退出者");
        var session = "revoked-" + Guid.NewGuid().ToString("N");
        var token = factory.Services.GetRequiredService<AccessTokens>().Issue(0, member.Id, session);
        await factory.Services.GetRequiredService<SessionRevocations>().RevokeAsync(session);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// Waits, without reading the board through the API (a read would rebuild it itself), until Redis holds the
    /// database's result for every participant; returns how long that took.
    /// </summary>
    public static async Task<TimeSpan> BoardAgreesWithDatabaseAsync(this FaultApi factory, long contestId, TimeSpan limit)
    {
        var redis = factory.Services.GetRequiredService<RedisStore>();
        var clock = Stopwatch.StartNew();
        string last = "";
        while (clock.Elapsed < limit)
        {
            try
            {
                var db = redis.Database;
                var state = await db.StringGetAsync(BoardKeys.State(contestId));
                var board = (await db.SortedSetRangeByRankWithScoresAsync(BoardKeys.Persons(contestId)))
                    .ToDictionary(e => (long)e.Element, e => BoardScore.ScoreOf(e.Score));
                var entries = await factory.WithDbAsync(x => x.Set<ContestEntry>().Where(e => e.ContestId == contestId && !e.Voided)
                    .ToDictionaryAsync(e => e.MemberId, e => (e.Score, e.CorrectCount)));
                var members = entries.Keys.ToList();
                var correct = members.Zip(await BoardCorrect.ReadAsync(db, contestId, members)).ToDictionary(p => p.First, p => p.Second ?? -1);
                var differ = entries.Where(e => board.GetValueOrDefault(e.Key, -1) != e.Value.Score || correct.GetValueOrDefault(e.Key, -1) != e.Value.CorrectCount).ToList();
                if (state == BoardKeys.Ready && entries.Count > 0 && board.Count == entries.Count && differ.Count == 0) return clock.Elapsed;
                last = $"state {state}, board {board.Count}, entries {entries.Count}, differing {differ.Count}";
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                last = ex.Message;
            }
            await Task.Delay(100);
        }
        throw new ShouldAssertException($"The board did not catch up within {limit}: {last}");
    }

    /// <summary>The board read through the API equals contest_entries per member (score, correct count, total time).</summary>
    public static async Task AssertBoardApiEqualsDatabaseAsync(this FaultApi factory, HttpClient reader, long contestId)
    {
        var board = await reader.BoardAsync(contestId, 500);
        var rows = board.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("memberId").GetInt64(),
            r => (r.GetProperty("score").GetInt32(), r.GetProperty("correctCount").GetInt32(), r.GetProperty("totalMs").GetInt64()));
        var entries = await factory.WithDbAsync(db => db.Set<ContestEntry>().Where(e => e.ContestId == contestId && !e.Voided)
            .ToDictionaryAsync(e => e.MemberId, e => (e.Score, e.CorrectCount, e.TotalMs)));
        rows.ShouldBe(entries, ignoreOrder: true);
    }
}
