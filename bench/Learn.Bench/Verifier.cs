using System.Globalization;
using Npgsql;

namespace Learn.Bench;

/// <summary>
/// The per-answer books after the load (issue 13 §1.2): every answer Learn.Api acknowledged (HTTP 2xx, by its request id
/// from the wrk logs) is in the database; each attempt and entry counted each of its answers once (totals equal the
/// answers' sums; the entry equals its attempt); and the Redis board equals the database for every member who answered.
/// </summary>
internal static class Verifier
{
    public static async Task<string> VerifyAsync(string cs, string redis, string prefix, long[] contests, string logs)
    {
        var acked = WrkLogs.Read(Path.Combine(logs, "*")).Where(l => l.Kind == 'a' && l.Ok).Select(l => l.Id).ToHashSet();
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var stored = new HashSet<string>();
        long rows = 0;
        await using (var cmd = Command(conn, "SELECT request_id FROM contest_answers WHERE contest_id = ANY(@c)", contests))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
            {
                stored.Add(r.GetString(0));
                rows++;
            }
        var lost = acked.Count(id => !stored.Contains(id));
        var lostOutage = WrkLogs.Read(Path.Combine(logs, "outage")).Count(l => l.Kind == 'a' && l.Ok && !stored.Contains(l.Id));
        var attempts = await CountAsync(conn, """
            SELECT count(*) FROM contest_attempts a
            LEFT JOIN (SELECT attempt_id, count(*) n, sum(points) p, sum(is_correct::int) k, sum(elapsed_ms) ms
                       FROM contest_answers WHERE contest_id = ANY(@c) GROUP BY attempt_id) x ON x.attempt_id = a.id
            WHERE a.contest_id = ANY(@c) AND (a.answered_count <> coalesce(x.n, 0) OR a.score <> coalesce(x.p, 0)
              OR a.correct_count <> coalesce(x.k, 0) OR a.total_ms <> coalesce(x.ms, 0))
            """, contests);
        var entries = await CountAsync(conn, """
            SELECT count(*) FROM contest_attempts a JOIN contest_entries e ON e.contest_id = a.contest_id AND e.member_id = a.member_id
            WHERE a.contest_id = ANY(@c) AND a.answered_count > 0 AND NOT e.voided
              AND (e.score <> a.score OR e.correct_count <> a.correct_count OR e.total_ms <> a.total_ms)
            """, contests);
        var boardMismatches = 0L;
        using var board = await BoardCheck.ConnectAsync(redis, prefix);
        foreach (var contest in contests) boardMismatches += await board.MismatchesAsync(conn, contest);
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"acknowledged\":{acked.Count},\"stored\":{rows},\"lostAnswers\":{lost},\"lostOutage\":{lostOutage},\"doubleCounted\":{rows - stored.Count + attempts + entries},"
            + $"\"duplicateRequestIds\":{rows - stored.Count},\"attemptsOff\":{attempts},\"entriesOff\":{entries},\"boardMismatches\":{boardMismatches}}}");
    }

    internal static NpgsqlCommand Command(NpgsqlConnection conn, string sql, long[] contests)
    {
        var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
        cmd.Parameters.AddWithValue("c", contests);
        return cmd;
    }

    private static async Task<long> CountAsync(NpgsqlConnection conn, string sql, long[] contests)
    {
        await using var cmd = Command(conn, sql, contests);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync() ?? 0L, CultureInfo.InvariantCulture);
    }
}
