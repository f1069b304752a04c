using System.Globalization;
using Learn.Core.Contests.Boards;
using Npgsql;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Learn.Bench;

/// <summary>
/// After the load: every acknowledged answer is in the database, each attempt counted each answer
/// once, and the Redis board agrees with the database for every member who answered.
/// </summary>
internal static class Verifier
{
    public static async Task<string> VerifyAsync(string cs, string redis, string prefix, long contest, long acknowledged)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        long Scalar(string sql)
        {
            using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
            return Convert.ToInt64(cmd.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
        }
        var stored = Scalar($"SELECT count(*) FROM contest_answers WHERE contest_id = {contest} AND attempt_id > 0");
        var doubleCounted = Scalar($"""
            SELECT count(*) FROM contest_attempts a
            WHERE a.contest_id = {contest} AND a.answered_count <> (SELECT count(*) FROM contest_answers x WHERE x.attempt_id = a.id)
               OR a.score <> (SELECT coalesce(sum(points), 0) FROM contest_answers x WHERE x.attempt_id = a.id)
            """);

        using var mux = await ConnectionMultiplexer.ConnectAsync(redis);
        var db = mux.GetDatabase().WithKeyPrefix(prefix);
        var boardMismatch = 0;
        await using (var cmd = new NpgsqlCommand($"""
            SELECT e.member_id, e.score FROM contest_entries e
            WHERE e.contest_id = {contest} AND e.member_id IN (SELECT member_id FROM contest_attempts WHERE contest_id = {contest} AND answered_count > 0)
            """, conn))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                var encoded = await db.SortedSetScoreAsync(BoardKeys.Persons(contest), r.GetInt64(0));
                if (encoded is null || BoardScore.ScoreOf(encoded.Value) != r.GetInt32(1)) boardMismatch++;
            }
        }
        var lost = Math.Max(0, acknowledged - stored);
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"stored\":{stored},\"acknowledged\":{acknowledged},\"lostAnswers\":{lost},\"doubleCounted\":{doubleCounted},\"boardMismatches\":{boardMismatch}}}");
    }
}
