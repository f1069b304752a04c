using Learn.Core.Contests;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Learn.Api.Contests;

/// <summary>
/// <c>GET …/attempts/current</c> in one round trip on PostgreSQL (the usual case of the answer cycle): the member's
/// latest attempt and its current question, issuing that question when it is due, in one statement. Before, the
/// same GET took four trips (attempt, questions with answers, conditional UPDATE, re-read). Same rules as
/// <see cref="CurrentQuestionAsync"/>: the current question is the first unanswered one that is not issued yet or
/// still running; it is issued only while the contest is open; of two simultaneous GETs only one issues (the other
/// waits on the row lock and, re-checking the updated row, keeps its times: COALESCE), and the time limit runs from
/// that first issue. The current question is looked for only after the last answered one: questions are issued in
/// order and one is passed over only once it has run out, so nothing before the last answer can still be current — one
/// index probe (ix_contest_answers_attempt_id_seq, backwards) instead of one per question answered so far, which the
/// bench measured at 1.4 ms of PostgreSQL per GET half-way through a 50-question paper (docs/perf.md). The last answered
/// seq is computed once, with the attempt (<c>done</c>), and the question is the first row of an ordered index scan
/// from there (LATERAL … ORDER BY seq LIMIT 1): written as a join, PostgreSQL fetched and sorted every question left on
/// the paper (EXPLAIN: a bitmap heap scan, one page per question, ~50 buffer hits and up to 1–2 ms per GET under load in
/// pg_stat_statements); now ~10. Anything
/// else — no attempt, attempt over, a challenge's next question, SQLite — takes the general path, which finishes
/// attempts and draws challenge questions.
/// </summary>
public sealed partial class AttemptFlow
{
    private const string CurrentSql = """
        WITH a AS (SELECT id, number, status, question_count, answered_count, score, correct_count, total_ms,
                     COALESCE((SELECT max(x.seq) FROM contest_answers x WHERE x.attempt_id = ca.id), 0) AS done
                   FROM contest_attempts ca WHERE contest_id = $1 AND member_id = $2 ORDER BY number DESC LIMIT 1),
        t AS (SELECT q.id, q.seq, q.question_version_id, q.issued_at, q.deadline
              FROM a CROSS JOIN LATERAL (SELECT id, seq, question_version_id, issued_at, deadline FROM attempt_questions
                  WHERE attempt_id = a.id AND seq > a.done AND (issued_at IS NULL OR deadline > $3) ORDER BY seq LIMIT 1) q
              WHERE a.status = 'InProgress'),
        i AS (UPDATE attempt_questions q SET issued_at = COALESCE(q.issued_at, $3), deadline = COALESCE(q.deadline, $4)
              FROM t WHERE q.id = t.id AND t.issued_at IS NULL AND $5
              RETURNING q.seq, q.question_version_id, q.issued_at, q.deadline),
        c AS (SELECT seq, question_version_id, issued_at, deadline FROM i
              UNION ALL SELECT seq, question_version_id, issued_at, deadline FROM t WHERE issued_at IS NOT NULL)
        SELECT a.id, a.number, a.question_count, a.answered_count, a.score, a.correct_count, a.total_ms,
               c.seq, c.question_version_id, c.issued_at, c.deadline
        FROM a JOIN c ON TRUE
        """;

    /// <summary>The attempt with its current question, or null when the general path must answer (see the class summary).</summary>
    public async Task<AttemptPayload?> CurrentAttemptFastAsync(Contest contest, long memberId, CancellationToken ct)
    {
        if (db.Database.ProviderName != "Npgsql.EntityFrameworkCore.PostgreSQL") return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand(CurrentSql, conn);
            foreach (var value in new object[] { contest.Id, memberId, now, Min(now.AddSeconds(contest.SecondsPerQuestion), contest.EndsAt), contest.IsOpenAt(now) })
                cmd.Parameters.Add(new NpgsqlParameter { Value = value });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return null;
            var attempt = new ContestAttempt { Id = r.GetInt64(0), ContestId = contest.Id, MemberId = memberId, Number = r.GetInt32(1) };
            var q = new AttemptQuestion
            {
                AttemptId = attempt.Id, Seq = r.GetInt32(7), QuestionVersionId = r.GetInt64(8),
                IssuedAt = AnswerTotals.Time(r, 9), Deadline = AnswerTotals.Time(r, 10),
            };
            var current = await PayloadAsync(attempt, q, now, ct);
            return new AttemptPayload(attempt.Id, attempt.Number, "in-progress", r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt64(6), current);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
