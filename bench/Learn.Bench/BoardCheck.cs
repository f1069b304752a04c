using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Learn.Core.Contests.Boards;
using Npgsql;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Learn.Bench;

/// <summary>Compares a contest's Redis board with its entries: score, total time (the board's 0.1 s) and correct count, member by member.</summary>
internal sealed class BoardCheck(ConnectionMultiplexer mux, IDatabase db) : IDisposable
{
    public static async Task<BoardCheck> ConnectAsync(string redis, string prefix)
    {
        var options = ConfigurationOptions.Parse(redis);
        options.AbortOnConnectFail = false;
        var mux = await ConnectionMultiplexer.ConnectAsync(options);
        return new BoardCheck(mux, mux.GetDatabase().WithKeyPrefix(prefix));
    }

    /// <summary>Members who answered in <paramref name="contest"/> whose board row differs from their entry, plus any difference in board size.</summary>
    public async Task<long> MismatchesAsync(NpgsqlConnection conn, long contest)
    {
        var rows = new List<(long Member, int Score, long Ms, int Correct)>();
        await using (var cmd = new NpgsqlCommand($"""
            SELECT e.member_id, e.score, e.total_ms, e.correct_count FROM contest_entries e
            WHERE e.contest_id = {contest} AND NOT e.voided
              AND EXISTS (SELECT 1 FROM contest_attempts a WHERE a.contest_id = e.contest_id AND a.member_id = e.member_id AND a.answered_count > 0)
            """, conn) { CommandTimeout = 600 })
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) rows.Add((r.GetInt64(0), r.GetInt32(1), r.GetInt64(2), r.GetInt32(3)));
        long mismatches = 0;
        foreach (var chunk in rows.Chunk(2000))
        {
            var members = chunk.Select(c => (RedisValue)c.Member).ToArray();
            var scores = db.SortedSetScoresAsync(BoardKeys.Persons(contest), members);
            var correct = BoardCorrect.ReadAsync(db, contest, [.. chunk.Select(c => c.Member)]);
            await Task.WhenAll(scores, correct);
            for (var i = 0; i < chunk.Length; i++)
            {
                var e = chunk[i];
                var ok = scores.Result[i] is { } s && BoardScore.ScoreOf(s) == e.Score && BoardScore.TotalMsOf(s) == Math.Min(e.Ms / 100, (1L << 20) - 1) * 100
                    && correct.Result[i] == e.Correct;
                if (!ok) mismatches++;
            }
        }
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM contest_entries WHERE contest_id = {contest} AND NOT voided", conn);
        var entries = Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        return mismatches + Math.Abs(entries - await db.SortedSetLengthAsync(BoardKeys.Persons(contest)));
    }

    public void Dispose() => mux.Dispose();
}

/// <summary>Waits until a contest's board equals the database (the live round's "board final", the Redis outage's recovery).</summary>
internal static class BoardFinal
{
    public static async Task<double> WaitAsync(string cs, string redis, string prefix, long contest, long sinceMs, int waitSeconds,
        string? readUrl, string? readToken)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        using var board = await BoardCheck.ConnectAsync(redis, prefix);
        // The big screen keeps reading the board meanwhile, as it would in a real round (one read per check).
        using var http = new HttpClient();
        if (readToken is { Length: > 0 }) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", readToken);
        var until = Stopwatch.StartNew();
        while (until.Elapsed.TotalSeconds < waitSeconds)
        {
            if (readUrl is { Length: > 0 })
                try { using var _ = await http.GetAsync(readUrl); } catch (HttpRequestException) { }
            try
            {
                if (await board.MismatchesAsync(conn, contest) == 0)
                    return (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - sinceMs) / 1000.0;
            }
            catch (RedisException) { }
            await Task.Delay(200);
        }
        return -1;
    }
}
