using Npgsql;

namespace Learn.Api.Contests;

/// <summary>
/// PostgreSQL's write: fixed SQL over arrays (<c>unnest</c>), prepared once per connection, so the
/// server parses and plans each statement once instead of once per batch (the text no longer changes
/// with the batch). The INSERT and one pair of UPDATEs per round go in one <see cref="NpgsqlBatch"/>:
/// sent together up to one Sync they run as one implicit transaction, committed before the reader is
/// done — one round trip; an answer that lost to an earlier one is not counted (the xmin guard).
/// </summary>
public sealed partial class AnswerBatch
{
    /// <summary>
    /// Inserts only while the contest is open: the closing UPDATE (ContestLifecycle) waits for batches
    /// holding the contest row FOR SHARE and the final ranking is taken after them; a batch arriving
    /// after the close re-reads the row and inserts nothing. An answer received after its live round was
    /// closed early by the host (<c>live_rounds.closed_at</c>, which no ticket can know) is stored late:
    /// not correct, 0 points (<see cref="EarlyCloseSql"/>). RETURNING gives what was stored.
    /// </summary>
    private const string InsertSql = """
        INSERT INTO contest_answers (contest_id, attempt_id, seq, member_id, question_version_id, request_id, response,
            answered_at, elapsed_ms, is_correct, is_late, points, too_fast)
        SELECT v.contest_id, v.attempt_id, v.seq, v.member_id, v.version_id, v.request_id, v.response, v.answered_at, v.elapsed_ms,
        """ + EarlyCloseSql + """
            , v.too_fast
        FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::bigint[], $5::bigint[], $6::text[], $7::text[],
            $8::timestamptz[], $9::bigint[], $10::bool[], $11::bool[], $12::int[], $13::bool[])
          AS v(contest_id, attempt_id, seq, member_id, version_id, request_id, response, answered_at, elapsed_ms, is_correct, is_late, points, too_fast)
        JOIN contests c ON c.id = v.contest_id
        LEFT JOIN live_rounds lr ON lr.contest_id = v.contest_id AND lr.seq = v.seq
        WHERE c.closed_at IS NULL AND c.ends_at > v.answered_at
        FOR SHARE OF c
        ON CONFLICT (attempt_id, seq) DO NOTHING
        RETURNING attempt_id, seq, request_id, is_correct, is_late, points
        """;

    /// <summary>
    /// Each answer is counted as stored (points and correctness of the row this transaction inserted, so an early
    /// round close applies here too; an answer that lost to an earlier one has no such row and changes nothing).
    /// </summary>
    private static readonly string AttemptsSql = """
        WITH v AS (SELECT u.vid, u.vseq, x.points AS vpts, CASE WHEN x.is_correct THEN 1 ELSE 0 END AS vok, u.vms, u.vends, u.vt
          FROM unnest($1::bigint[], $2::int[], $3::bigint[], $4::int[], $5::timestamptz[]) AS u(vid, vseq, vms, vends, vt)
          JOIN contest_answers x ON x.attempt_id = u.vid AND x.seq = u.vseq AND x.xmin = pg_current_xact_id()::xid)
        """ + "\n" + AnswerTotals.UpdateAttempts("");

    private static readonly string EntriesSql = AnswerTotals.UpdateEntries("a.id = ANY($1::bigint[])");

    private static async Task<Written> WriteUnnestAsync(NpgsqlConnection conn, List<Scored> firsts, CancellationToken ct)
    {
        if (firsts.Count == 0) return new([], [], [], []);
        var (rounds, lists) = AnswerTotals.Split(firsts);
        await using var batch = new NpgsqlBatch(conn);
        batch.BatchCommands.Add(Command(InsertSql,
            Col(firsts, x => x.Submission.ContestId), Col(firsts, x => x.Submission.AttemptId), Col(firsts, x => x.Submission.Seq),
            Col(firsts, x => x.Submission.MemberId), Col(firsts, x => x.Issued.VersionId), Col(firsts, x => x.Submission.RequestId),
            Col(firsts, x => x.Submission.Response), Col(firsts, x => x.Submission.ReceivedAt), Col(firsts, x => x.ElapsedMs),
            Col(firsts, x => x.Correct), Col(firsts, x => x.Late), Col(firsts, x => x.Points), Col(firsts, x => x.TooFast)));
        foreach (var list in lists)
        {
            var round = list.Select(i => firsts[i]).ToList();
            batch.BatchCommands.Add(Command(AttemptsSql,
                Col(round, x => x.Submission.AttemptId), Col(round, x => x.Submission.Seq), Col(round, x => x.ElapsedMs),
                Col(round, x => x.EndsAttempt ? 1 : 0), Col(round, x => x.Submission.ReceivedAt)));
            batch.BatchCommands.Add(Command(EntriesSql, Col(round, x => x.Submission.AttemptId)));
        }
        var asking = firsts.Where(x => x.NextDeadline is not null).ToList();
        if (asking.Count > 0)
            batch.BatchCommands.Add(Command(NextSql, Col(asking, x => x.Submission.AttemptId), Col(asking, x => x.Submission.Seq),
                Col(asking, x => x.Submission.ReceivedAt), Col(asking, x => x.NextDeadline!.Value)));
        // Prepared statements persist on the pooled physical connection: only a connection's first batch pays for it.
        await batch.PrepareAsync(ct);
        List<Scored> fresh;
        Dictionary<(long, int, string), Stored> inserted;
        (List<AnswerTotals.Totals?> Totals, List<AnswerTotals.EntryRow> Entries) read;
        Dictionary<long, NextQuestion> next = [];
        await using (var r = await batch.ExecuteReaderAsync(ct))
        {
            inserted = await ReadInsertedAsync(r, ct);
            await r.NextResultAsync(ct);
            read = await AnswerTotals.ReadAsync(r, firsts, rounds, ct);
            if (asking.Count > 0) next = await ReadNextAsync(r, ct); // ReadAsync left the reader on the next result set
            fresh = firsts.Where(x => inserted.ContainsKey(Key(x))).ToList();
        }
        return AsStored(Checked(firsts, fresh, read), inserted) with { Next = next };
    }

    private static T[] Col<T>(List<Scored> items, Func<Scored, T> pick) => items.Select(pick).ToArray();

    private static NpgsqlBatchCommand Command(string sql, params object[] arrays)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var array in arrays) command.Parameters.Add(new NpgsqlParameter { Value = array });
        return command;
    }
}
