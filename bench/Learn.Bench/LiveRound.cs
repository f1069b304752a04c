using Npgsql;

namespace Learn.Bench;

/// <summary>
/// The live-round scenario's contest: a 直播竞答 whose first round is open (for an hour, so it stays open for the whole
/// bench) with the first N members already joined — entry, attempt and the round's question issued, as
/// <c>GET …/live/current</c> leaves them — so the load tool only answers.
/// </summary>
internal static class LiveRound
{
    public static async Task<long> SeedAsync(NpgsqlConnection conn, long root, int members)
    {
        var contest = await Seeder.ScalarAsync(conn, $"""
            INSERT INTO contests (title, description, mode, starts_at, ends_at, organization_id, organization_path, audience_paths, has_whitelist,
              categories, easy_count, medium_count, hard_count, seconds_per_question, attempts_per_day, attempts_total, points_per_correct,
              speed_bonus_max, min_human_ms, hide_board_until_close, created_at)
            VALUES ('直播竞答压测', '', 'Live', now() - interval '10 minutes', now() + interval '1 day', {root}, '/{root}/', '|/{root}/|', FALSE,
              '', 0, 0, 0, 3600, 0, 0, 10, 0, 800, FALSE, now()) RETURNING id
            """);
        await Seeder.ExecAsync(conn, $"""
            INSERT INTO live_rounds (contest_id, seq, question_version_id, opened_at, closes_at)
            VALUES ({contest}, 1, (SELECT min(id) FROM question_versions), now(), now() + interval '1 hour');
            INSERT INTO contest_entries (contest_id, member_id, identity_id, organization_id, organization_path, score, correct_count, total_ms,
              reached_at, last_delta, voided, joined_at)
            SELECT {contest}, m.id, m.id, m.organization_id, o.path, 0, 0, 0, NULL, 0, FALSE, now()
            FROM (SELECT id, organization_id FROM members ORDER BY id LIMIT {members}) m JOIN organizations o ON o.id = m.organization_id;
            INSERT INTO contest_attempts (contest_id, member_id, number, started_at, started_on, status, question_count, answered_count, score, correct_count, total_ms)
            SELECT {contest}, member_id, 1, now(), CURRENT_DATE, 'InProgress', 0, 0, 0, 0, 0 FROM contest_entries WHERE contest_id = {contest};
            INSERT INTO attempt_questions (attempt_id, seq, question_version_id, issued_at, deadline)
            SELECT a.id, 1, r.question_version_id, r.opened_at, r.closes_at
            FROM contest_attempts a JOIN live_rounds r ON r.contest_id = a.contest_id AND r.seq = 1 WHERE a.contest_id = {contest};
            ANALYZE;
            """);
        return contest;
    }
}
