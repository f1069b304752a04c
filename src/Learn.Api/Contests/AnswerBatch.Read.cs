using System.Data.Common;
using System.Globalization;
using System.Text;
using Learn.Core.Contests;
using Learn.Core.Contests.Boards;
using Learn.Core.Data;
using Learn.Core.Questions;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Contests;

/// <summary>The batch's reads, both off the happy path: issued questions for answers without a ticket, and the stored result of a repeated answer.</summary>
public sealed partial class AnswerBatch
{
    private static async Task<Dictionary<(long, int), Issued>> LookupAsync(DbConnection conn, DbTransaction? tx, IReadOnlyList<AnswerWriter.Pending> items, CancellationToken ct)
    {
        await using var cmd = Command(conn, tx, new StringBuilder("""
            SELECT aq.attempt_id, aq.seq, aq.question_version_id, aq.issued_at, aq.deadline, a.member_id, a.contest_id
            FROM attempt_questions aq
            JOIN contest_attempts a ON a.id = aq.attempt_id
            WHERE
            """).AppendJoin(" OR ", items.Select(i => Pair("aq", i.Submission.AttemptId, i.Submission.Seq))).ToString());
        var result = new Dictionary<(long, int), Issued>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result[(r.GetInt64(0), r.GetInt32(1))] = new Issued(r.GetInt64(2), Time(r, 3), Time(r, 4), r.GetInt64(5), r.GetInt64(6));
        return result;
    }

    /// <summary>Same request id → the stored result again; another answer to an answered question → refused.</summary>
    private static async Task ResolveRepeatsAsync(DbConnection conn, DbTransaction? tx, List<Scored> repeated, CancellationToken ct)
    {
        if (repeated.Count == 0) return;
        await using var cmd = Command(conn, tx, new StringBuilder("""
            SELECT x.attempt_id, x.seq, x.request_id, x.is_correct, x.is_late, x.points, a.score, a.correct_count, a.total_ms, a.status
            FROM contest_answers x JOIN contest_attempts a ON a.id = x.attempt_id WHERE
            """).AppendJoin(" OR ", repeated.Select(x => Pair("x", x.Item.Submission.AttemptId, x.Item.Submission.Seq))).ToString());
        var stored = new Dictionary<(long, int), AnswerOutcome>();
        var requestIds = new Dictionary<(long, int), string>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var key = (r.GetInt64(0), r.GetInt32(1));
                requestIds[key] = r.GetString(2);
                stored[key] = new AnswerOutcome(AnswerStatus.Repeated, 0, r.GetBoolean(3), r.GetBoolean(4), r.GetInt32(5),
                    r.GetInt32(6), r.GetInt32(7), r.GetInt64(8), r.GetString(9) == nameof(AttemptStatus.Finished));
            }
        }
        foreach (var x in repeated)
        {
            var key = (x.Item.Submission.AttemptId, x.Item.Submission.Seq);
            x.Item.Done.TrySetResult(!requestIds.TryGetValue(key, out var first) ? AnswerOutcome.Closed
                : first == x.Item.Submission.RequestId ? stored[key] with { QuestionVersionId = x.Issued.VersionId, SealedUntil = stored[key].IsLate ? null : x.SealedUntil }
                : AnswerOutcome.Conflict);
        }
    }
}
