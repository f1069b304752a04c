namespace Learn.Bench;

/// <summary>
/// A platform that runs contests has answered ones: last month's timed contest, finished, with BENCH_HISTORY members'
/// 50-question papers (attempts, questions and answers). Without it contest_answers is empty when the bench analyses
/// the tables, PostgreSQL plans (and caches, per prepared statement) a sequential scan of it, and every answer and
/// GET then scans the rows the load itself adds — the bench measured its own empty table, not the product. Not one of
/// the contests the books check.
/// </summary>
internal static class History
{
    public static async Task SeedAsync(Npgsql.NpgsqlConnection conn, long root, int members)
    {
        if (members <= 0) return;
        const int n = Seeder.QuestionsPerAttempt;
        var contest = await Seeder.ScalarAsync(conn, $"""
            INSERT INTO contests (title, description, mode, starts_at, ends_at, organization_id, organization_path, audience_paths, has_whitelist,
              categories, easy_count, medium_count, hard_count, seconds_per_question, attempts_per_day, attempts_total, points_per_correct,
              speed_bonus_max, min_human_ms, hide_board_until_close, created_at, closed_at)
            VALUES ('上月竞答（历史）', '', 'Timed', now() - interval '40 days', now() - interval '30 days', {root}, '/{root}/', '|/{root}/|', FALSE,
              '', {n}, 0, 0, 30, 0, 0, 10, 0, 800, FALSE, now() - interval '41 days', now() - interval '30 days') RETURNING id
            """);
        await Seeder.ExecAsync(conn, $"""
            INSERT INTO contest_attempts (contest_id, member_id, number, started_at, started_on, status, question_count, answered_count, score,
              correct_count, total_ms, finished_at)
            SELECT {contest}, id, 1, now() - interval '35 days', CURRENT_DATE - 35, 'Finished', {n}, {n}, 10 * ({n} / 2), {n} / 2, {n} * 5000,
              now() - interval '35 days'
            FROM members ORDER BY id DESC LIMIT {members};
            INSERT INTO attempt_questions (attempt_id, seq, question_version_id, issued_at, deadline)
            SELECT a.id, s, (SELECT min(id) FROM question_versions) + s - 1, a.started_at + s * interval '5 s', a.started_at + s * interval '5 s' + interval '30 s'
            FROM contest_attempts a CROSS JOIN generate_series(1, {n}) s WHERE a.contest_id = {contest} ORDER BY a.id, s;
            INSERT INTO contest_answers (contest_id, attempt_id, seq, member_id, question_version_id, request_id, response, answered_at, elapsed_ms,
              is_correct, is_late, points, too_fast)
            SELECT {contest}, q.attempt_id, q.seq, a.member_id, q.question_version_id, 'h-' || q.attempt_id || '-' || q.seq, 'A', q.issued_at + interval '5 s',
              5000, q.seq % 2 = 0, FALSE, CASE WHEN q.seq % 2 = 0 THEN 10 ELSE 0 END, FALSE
            FROM attempt_questions q JOIN contest_attempts a ON a.id = q.attempt_id WHERE a.contest_id = {contest} ORDER BY q.attempt_id, q.seq;
            """);
    }
}
