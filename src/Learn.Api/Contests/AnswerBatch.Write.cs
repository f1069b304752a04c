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
    private sealed record Written(List<Scored> Fresh, List<AnswerTotals.Totals> Totals, List<AnswerTotals.EntryRow> Entries);

    /// <summary>The guard and RETURNING agree by construction; should they not, fail the batch (a retry gets the stored result).</summary>
    private static Written Checked(List<Scored> firsts, List<Scored> fresh, (List<AnswerTotals.Totals?> Totals, List<AnswerTotals.EntryRow> Entries) read)
    {
        var counted = firsts.Select((x, i) => (x, t: read.Totals[i])).Where(p => p.t is not null).ToList();
        var freshSet = fresh.ToHashSet();
        if (counted.Count != fresh.Count || counted.Any(p => !freshSet.Contains(p.x)))
            throw new InvalidOperationException("Answer batch: counted answers differ from inserted ones.");
        return new(fresh, counted.Select(p => p.t!).ToList(), read.Entries);
    }

    /// <summary>SQLite (and anything else): insert, then count only what was inserted, in one explicit transaction.</summary>
    private static async Task<Written> WriteStepwiseAsync(DbConnection conn, List<Scored> firsts, CancellationToken ct)
    {
        if (firsts.Count == 0) return new([], [], []);
        await using var tx = await conn.BeginTransactionAsync(ct);
        HashSet<(long, int, string)> inserted;
        await using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            var sql = new StringBuilder();
            AppendInsert(sql, cmd, firsts);
            cmd.CommandText = sql.ToString();
            await using var r = await cmd.ExecuteReaderAsync(ct);
            inserted = await ReadInsertedAsync(r, ct);
        }
        var fresh = firsts.Where(x => inserted.Contains(Key(x))).ToList();
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
        await tx.CommitAsync(ct);
        return new(fresh, totals.Select(t => t ?? throw new InvalidOperationException("An inserted answer's attempt was not updated.")).ToList(), entries);
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
            SELECT v.* FROM (VALUES
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
        // VALUES columns are column1… on both databases (SQLite has no column list on a derived table).
        sql.Append(") AS v JOIN contests c ON c.id = v.column1 WHERE c.closed_at IS NULL")
            .Append(" ON CONFLICT (attempt_id, seq) DO NOTHING RETURNING attempt_id, seq, request_id;\n");
    }

    private static async Task<HashSet<(long, int, string)>> ReadInsertedAsync(DbDataReader r, CancellationToken ct)
    {
        var done = new HashSet<(long, int, string)>();
        while (await r.ReadAsync(ct)) done.Add((r.GetInt64(0), r.GetInt32(1), r.GetString(2)));
        return done;
    }
}
