using System.Data.Common;
using System.Globalization;
using System.Text;
using Learn.Core.Contests;
using Learn.Core.Contests.Boards;
using Learn.Core.Data;
using Learn.Core.Questions;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Contests;

/// <summary>The batch's one durable write on SQLite (the embedded default): one explicit transaction, SQL text per batch.</summary>
public sealed partial class AnswerBatch
{
    private sealed record Written(List<Scored> Fresh, List<AnswerTotals.Totals> Totals, List<AnswerTotals.EntryRow> Entries,
        Dictionary<long, NextQuestion> Next);

    /// <summary>An inserted answer as stored (RETURNING): differs from the batch's verdict only after a live round's early close.</summary>
    private sealed record Stored(bool Correct, bool Late, int Points);

    /// <summary>
    /// The early close is shared by both databases' INSERT: received after the host closed the live round → late,
    /// not correct, 0 points. Other contests have no live_rounds row, so nothing changes for them.
    /// </summary>
    private const string EarlyCloseSql = """
            CASE WHEN lr.closed_at < v.answered_at THEN FALSE ELSE v.is_correct END,
            CASE WHEN lr.closed_at < v.answered_at THEN TRUE ELSE v.is_late END,
            CASE WHEN lr.closed_at < v.answered_at THEN 0 ELSE v.points END
        """;

    /// <summary>The member is told what was stored; a stored-late answer is not sealed (its round has closed for everyone).</summary>
    private static Scored AsStored(Scored x, Stored s) =>
        x with { Correct = s.Correct, Late = s.Late, Points = s.Points, SealedUntil = s.Late ? null : x.SealedUntil };

    private static Written AsStored(Written w, Dictionary<(long, int, string), Stored> inserted) =>
        w with { Fresh = w.Fresh.Select(x => AsStored(x, inserted[Key(x)])).ToList() };

    /// <summary>The guard and RETURNING agree by construction; should they not, fail the batch (a retry gets the stored result).</summary>
    private static Written Checked(List<Scored> firsts, List<Scored> fresh, (List<AnswerTotals.Totals?> Totals, List<AnswerTotals.EntryRow> Entries) read)
    {
        var counted = firsts.Select((x, i) => (x, t: read.Totals[i])).Where(p => p.t is not null).ToList();
        var freshSet = fresh.ToHashSet();
        if (counted.Count != fresh.Count || counted.Any(p => !freshSet.Contains(p.x)))
            throw new InvalidOperationException("Answer batch: counted answers differ from inserted ones.");
        return new(fresh, counted.Select(p => p.t!).ToList(), read.Entries, []);
    }

    /// <summary>SQLite (and anything else): insert, then count only what was inserted, in one explicit transaction.</summary>
    private static async Task<Written> WriteStepwiseAsync(DbConnection conn, List<Scored> firsts, CancellationToken ct)
    {
        if (firsts.Count == 0) return new([], [], [], []);
        await using var tx = await conn.BeginTransactionAsync(ct);
        Dictionary<(long, int, string), Stored> inserted;
        await using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            var sql = new StringBuilder();
            AppendInsert(sql, cmd, firsts);
            cmd.CommandText = sql.ToString();
            await using var r = await cmd.ExecuteReaderAsync(ct);
            inserted = await ReadInsertedAsync(r, ct);
        }
        // Counted as stored: an answer after a live round's early close adds no points.
        var fresh = firsts.Where(x => inserted.ContainsKey(Key(x))).Select(x => AsStored(x, inserted[Key(x)])).ToList();
        List<AnswerTotals.Totals?> totals = [];
        List<AnswerTotals.EntryRow> entries = [];
        if (fresh.Count > 0)
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            var sql = new StringBuilder();
            var rounds = AnswerTotals.Append(sql, cmd, fresh, insertedNow: false);
            cmd.CommandText = sql.ToString();
            await using var r = await cmd.ExecuteReaderAsync(ct);
            (totals, entries) = await AnswerTotals.ReadAsync(r, fresh, rounds, ct);
        }
        var next = await IssueNextStepwiseAsync(conn, tx, fresh, ct);
        await tx.CommitAsync(ct);
        return new(fresh, totals.Select(t => t ?? throw new InvalidOperationException("An inserted answer's attempt was not updated.")).ToList(), entries, next);
    }

    /// <summary>
    /// Inserts only while the contest is open. SQLite has one writer at a time, so the close cannot race this
    /// transaction (PostgreSQL locks the contest row instead, see <see cref="InsertSql"/>).
    /// </summary>
    private static void AppendInsert(StringBuilder sql, DbCommand cmd, List<Scored> scored)
    {
        sql.Append("""
            INSERT INTO contest_answers (contest_id, attempt_id, seq, member_id, question_version_id, request_id, response,
                answered_at, elapsed_ms, is_correct, is_late, points, too_fast)
            SELECT v.contest_id, v.attempt_id, v.seq, v.member_id, v.version_id, v.request_id, v.response, v.answered_at, v.elapsed_ms,
            """).Append(EarlyCloseSql).Append("""
            , v.too_fast FROM (SELECT column1 AS contest_id, column2 AS attempt_id, column3 AS seq, column4 AS member_id, column5 AS version_id,
              column6 AS request_id, column7 AS response, column8 AS answered_at, column9 AS elapsed_ms, column10 AS is_correct,
              column11 AS is_late, column12 AS points, column13 AS too_fast FROM (VALUES
            """);
        for (var i = 0; i < scored.Count; i++)
        {
            var (x, s) = (scored[i], scored[i].Item.Submission);
            if (i > 0) sql.Append(',');
            sql.Append(CultureInfo.InvariantCulture, $"({s.ContestId},{s.AttemptId},{s.Seq},{s.MemberId},{x.Issued.VersionId},@r{i},@v{i},@t{i},{x.ElapsedMs},@c{i},@l{i},{x.Points},@f{i})");
            Param(cmd, $"@r{i}", s.RequestId);
            Param(cmd, $"@v{i}", s.Response);
            Param(cmd, $"@t{i}", s.ReceivedAt);
            Param(cmd, $"@c{i}", x.Correct);
            Param(cmd, $"@l{i}", x.Late);
            Param(cmd, $"@f{i}", x.TooFast);
        }
        // VALUES columns are column1… on both databases (SQLite has no column list on a derived table); v.answered_at etc. below.
        sql.Append(") AS v0) AS v JOIN contests c ON c.id = v.contest_id")
            .Append(" LEFT JOIN live_rounds lr ON lr.contest_id = v.contest_id AND lr.seq = v.seq WHERE c.closed_at IS NULL")
            .Append(" ON CONFLICT (attempt_id, seq) DO NOTHING RETURNING attempt_id, seq, request_id, is_correct, is_late, points;\n");
    }

    private static async Task<Dictionary<(long, int, string), Stored>> ReadInsertedAsync(DbDataReader r, CancellationToken ct)
    {
        var done = new Dictionary<(long, int, string), Stored>();
        while (await r.ReadAsync(ct)) done[(r.GetInt64(0), r.GetInt32(1), r.GetString(2))] = new Stored(r.GetBoolean(3), r.GetBoolean(4), r.GetInt32(5));
        return done;
    }
}
