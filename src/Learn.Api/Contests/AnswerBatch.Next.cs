using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Learn.Api.Contests;

/// <summary>
/// A timed paper answered straight through (<see cref="AnswerRequest.Next"/>): the next question is issued in the answer's own
/// transaction, so the cycle of "answer, then GET the next question" costs one commit instead of two (the GET then only reads;
/// docs/decisions/0311-next-question-in-the-answer.md). Same rules as the GET: questions go out in order, an already issued one
/// keeps its times (COALESCE) and is returned only while it still runs, and only after an answer this transaction stored.
/// </summary>
public sealed partial class AnswerBatch
{
    /// <summary>PostgreSQL: one more statement of the batch; the xmin guard = the answer to seq was inserted by this very transaction.</summary>
    private const string NextSql = """
        UPDATE attempt_questions q SET issued_at = COALESCE(q.issued_at, n.vt), deadline = COALESCE(q.deadline, n.vdl)
        FROM unnest($1::bigint[], $2::int[], $3::timestamptz[], $4::timestamptz[]) AS n(vid, vseq, vt, vdl)
        WHERE q.attempt_id = n.vid AND q.seq = n.vseq + 1 AND (q.issued_at IS NULL OR q.deadline > n.vt)
          AND EXISTS (SELECT 1 FROM contest_answers x WHERE x.attempt_id = n.vid AND x.seq = n.vseq AND x.xmin = pg_current_xact_id()::xid)
        RETURNING q.attempt_id, q.seq, q.question_version_id, q.issued_at, q.deadline
        """;

    private static async Task<Dictionary<long, NextQuestion>> ReadNextAsync(DbDataReader r, CancellationToken ct)
    {
        var next = new Dictionary<long, NextQuestion>();
        while (await r.ReadAsync(ct))
            next[r.GetInt64(0)] = new NextQuestion(r.GetInt32(1), r.GetInt64(2), Time(r, 3)!.Value, Time(r, 4)!.Value);
        return next;
    }

    /// <summary>SQLite: the same UPDATE per answer that asked, inside the batch's transaction (only stored answers reach here).</summary>
    private static async Task<Dictionary<long, NextQuestion>> IssueNextStepwiseAsync(DbConnection conn, DbTransaction tx, List<Scored> fresh, CancellationToken ct)
    {
        var asking = fresh.Where(x => x.NextDeadline is not null).ToList();
        if (asking.Count == 0) return [];
        await using var cmd = Command(conn, tx, "");
        var sql = new StringBuilder();
        for (var i = 0; i < asking.Count; i++)
        {
            var s = asking[i].Submission;
            sql.Append(CultureInfo.InvariantCulture, $"""
                UPDATE attempt_questions SET issued_at = COALESCE(issued_at, @t{i}), deadline = COALESCE(deadline, @d{i})
                WHERE attempt_id = {s.AttemptId} AND seq = {s.Seq + 1} AND (issued_at IS NULL OR deadline > @t{i})
                RETURNING attempt_id, seq, question_version_id, issued_at, deadline;

                """);
            Param(cmd, $"@t{i}", s.ReceivedAt);
            Param(cmd, $"@d{i}", asking[i].NextDeadline!.Value);
        }
        cmd.CommandText = sql.ToString();
        var next = new Dictionary<long, NextQuestion>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        do
        {
            foreach (var (id, q) in await ReadNextAsync(r, ct)) next[id] = q;
        }
        while (await r.NextResultAsync(ct));
        return next;
    }
}
