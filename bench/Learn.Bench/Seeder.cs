using System.Globalization;
using Learn.Core.Auth;
using Learn.Core.Contests;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Learn.Bench;

/// <summary>
/// Seeds one timed contest whose board holds N participants: members and entries by binary COPY, their
/// totals again in an indexed table for the plain-SQL baseline, and for the active members an attempt with
/// a 50-question paper whose first question is issued (the rest are issued as the members go on, as in a real paper)
/// plus a bearer token for the load tool; then the live contest (<see cref="LiveRound"/>).
/// </summary>
internal static class Seeder
{
    public const int QuestionsPerAttempt = 50;

    public static async Task<(long Timed, long Live)> SeedAsync(string cs, int participants, int active, int liveMembers, int history, string signingKey, string outDir)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var now = DateTime.UtcNow;
        var root = await ScalarAsync(conn, "INSERT INTO organizations (name, kind, path, sort_order, created_at) VALUES ('压测机关党委','PartyCommittee','/',0,now()) RETURNING id");
        await ExecAsync(conn, $"UPDATE organizations SET path = '/{root}/' WHERE id = {root}");
        await ExecAsync(conn, $"""
            INSERT INTO organizations (parent_id, name, kind, path, sort_order, created_at)
            SELECT {root}, '第' || g || '党支部', 'Branch', '', g, now() FROM generate_series(1, 100) g;
            UPDATE organizations SET path = '/{root}/' || id || '/' WHERE parent_id = {root};
            """);
        var branches = await ListAsync(conn, $"SELECT id FROM organizations WHERE parent_id = {root} ORDER BY id");

        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY members (name, gender, organization_id, joined_party_on, status, is_leading_cadre, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < participants; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync("党员" + i.ToString(CultureInfo.InvariantCulture));
                await copy.WriteAsync("Unknown");
                await copy.WriteAsync(branches[i % branches.Count]);
                await copy.WriteAsync(new DateOnly(2000, 7, 1), NpgsqlDbType.Date);
                await copy.WriteAsync("Active");
                await copy.WriteAsync(false);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }

        await ExecAsync(conn, """
            INSERT INTO questions (kind, tags, difficulty, is_active, version_no, created_at, updated_at)
            SELECT 'Single', '|党史|', 'Easy', TRUE, 1, now(), now() FROM generate_series(1, 50);
            INSERT INTO question_versions (question_id, version_no, kind, stem, options_json, answer_key, explanation, difficulty, tags, created_at)
            SELECT id, 1, 'Single', '压测题' || id, '["甲","乙","丙","丁"]', 'A', '压测解析', 'Easy', '|党史|', now() FROM questions;
            UPDATE questions q SET current_version_id = v.id FROM question_versions v WHERE v.question_id = q.id;
            """);
        var contest = await ScalarAsync(conn, $"""
            INSERT INTO contests (title, description, mode, starts_at, ends_at, organization_id, organization_path, audience_paths, has_whitelist,
              categories, easy_count, medium_count, hard_count, seconds_per_question, attempts_per_day, attempts_total, points_per_correct,
              speed_bonus_max, min_human_ms, hide_board_until_close, created_at)
            VALUES ('百万人压测竞答', '', 'Timed', now() - interval '1 hour', now() + interval '1 day', {root}, '/{root}/', '|/{root}/|', FALSE,
              '', {QuestionsPerAttempt}, 0, 0, 7200, 0, 0, 10, 0, 800, FALSE, now()) RETURNING id
            """);

        var rng = new Random(42);
        var firstMember = await ScalarAsync(conn, "SELECT min(id) FROM members");
        var branchPath = branches.ToDictionary(b => b, b => $"/{root}/{b}/");
        await using (var entries = await conn.BeginBinaryImportAsync(
            "COPY contest_entries (contest_id, member_id, identity_id, organization_id, organization_path, score, correct_count, total_ms, reached_at, last_delta, voided, joined_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < participants; i++)
            {
                var correct = rng.Next(0, 51);
                await entries.StartRowAsync();
                await entries.WriteAsync(contest);
                await entries.WriteAsync(firstMember + i);
                await entries.WriteAsync(firstMember + i);
                await entries.WriteAsync(branches[i % branches.Count]);
                await entries.WriteAsync(branchPath[branches[i % branches.Count]]);
                await entries.WriteAsync(correct * 10);
                await entries.WriteAsync(correct);
                await entries.WriteAsync((long)rng.Next(5_000, 600_000));
                await entries.WriteAsync(now.AddSeconds(-rng.Next(0, 3000)), NpgsqlDbType.TimestampTz);
                await entries.WriteAsync(0);
                await entries.WriteAsync(false);
                await entries.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
            await entries.CompleteAsync();
        }
        // The plain-SQL baseline: per-participant totals with an index, as a plain system would keep them.
        await ExecAsync(conn, $"""
            CREATE TABLE bench_totals (contest_id bigint NOT NULL, member_id bigint NOT NULL, score int NOT NULL, total_ms bigint NOT NULL,
              PRIMARY KEY (contest_id, member_id));
            INSERT INTO bench_totals SELECT contest_id, member_id, score, total_ms FROM contest_entries WHERE contest_id = {contest};
            CREATE INDEX ix_bench_totals_rank ON bench_totals (contest_id, score DESC, total_ms, member_id);
            INSERT INTO contest_attempts (contest_id, member_id, number, started_at, started_on, status, question_count, answered_count, score, correct_count, total_ms)
            SELECT {contest}, member_id, 1, now(), CURRENT_DATE, 'InProgress', {QuestionsPerAttempt}, 0, 0, 0, 0
            FROM contest_entries WHERE contest_id = {contest} ORDER BY member_id LIMIT {active};
            INSERT INTO attempt_questions (attempt_id, seq, question_version_id, issued_at, deadline)
            SELECT a.id, s, (SELECT min(id) FROM question_versions) + s - 1,
              CASE WHEN s = 1 THEN now() END, CASE WHEN s = 1 THEN now() + interval '2 hours' END
            FROM contest_attempts a CROSS JOIN generate_series(1, {QuestionsPerAttempt}) s WHERE a.contest_id = {contest}
            ORDER BY a.id, s;
            ANALYZE;
            """);
        await History.SeedAsync(conn, root, Math.Min(history, participants));
        var live = await LiveRound.SeedAsync(conn, root, Math.Min(liveMembers, participants));

        var tokens = new AccessTokens(Options.Create(new MemberTokenOptions { SigningKey = signingKey, AccessTokenMinutes = 120 }), TimeProvider.System);
        await WriteTokensAsync(conn, tokens, contest, Path.Combine(outDir, "tokens.txt"));
        var tickets = new AnswerTickets(Options.Create(new MemberTokenOptions { SigningKey = signingKey }));
        await WriteTokensAsync(conn, tokens, live, Path.Combine(outDir, "live-tokens.txt"), tickets);
        return (contest, live);
    }

    /// <summary>
    /// tokens.txt lines for the load tool: "&lt;bearer token&gt; &lt;attemptId&gt; &lt;memberId&gt;", one per attempt of the contest;
    /// with <paramref name="tickets"/> (the live round) a fourth column, the ticket of the attempt's question 1, as
    /// <c>GET …/live/current</c> would give it to that member.
    /// </summary>
    private static async Task WriteTokensAsync(NpgsqlConnection conn, AccessTokens tokens, long contest, string path, AnswerTickets? tickets = null)
    {
        await using var file = new StreamWriter(path);
        await using var cmd = new NpgsqlCommand($"""
            SELECT a.id, a.member_id, q.question_version_id, q.issued_at, q.deadline
            FROM contest_attempts a LEFT JOIN attempt_questions q ON q.attempt_id = a.id AND q.seq = 1
            WHERE a.contest_id = {contest} ORDER BY a.member_id
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            var (attempt, member) = (r.GetInt64(0), r.GetInt64(1));
            var ticket = tickets is null ? "" : " " + tickets.Issue(member, contest, attempt, 1, r.GetInt64(2), r.GetDateTime(3), r.GetDateTime(4));
            await file.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{tokens.Issue(member, member, "bench-" + member)} {attempt} {member}{ticket}"));
        }
    }

    internal static async Task ExecAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync();
    }

    internal static async Task<long> ScalarAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<List<long>> ListAsync(NpgsqlConnection conn, string sql)
    {
        var result = new List<long>();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) result.Add(r.GetInt64(0));
        return result;
    }
}
