using System.Data.Common;
using System.Globalization;
using System.Text;
using Learn.Core.Contests;
using Learn.Core.Contests.Boards;
using Learn.Core.Data;
using Learn.Core.Questions;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Contests;

/// <summary>
/// Stores a batch of answers in one transaction with a fixed number of round trips whatever the
/// batch size: look up the issued questions, insert the answers (ON CONFLICT DO NOTHING = first
/// answer wins), read back conflicts (only when there are any), then update attempts and entries
/// set-based (<see cref="AnswerTotals"/>, RETURNING the new totals and the score delta), commit.
/// The SQL is plain enough for PostgreSQL and SQLite alike. After the commit the board
/// changes go to Redis, then callers are answered. See docs/decisions/0301-answer-group-commit.md.
/// </summary>
public sealed class AnswerBatch(IDbContextFactory<LearnDbContext> dbs, ContestCaches caches, ContestBoard board, AnswerRateLimit limit)
{
    private sealed record Issued(long VersionId, DateTime? IssuedAt, DateTime? Deadline, long MemberId, long ContestId, DateTime? ClosedAt);

    private sealed record Scored(AnswerWriter.Pending Item, Issued Issued, bool Correct, bool Late, int Points, long ElapsedMs, bool TooFast, bool EndsAttempt,
        DateTime? SealedUntil) : AnswerTotals.IFresh
    {
        public AnswerSubmission Submission => Item.Submission;
    }

    internal async Task WriteAsync(IReadOnlyList<AnswerWriter.Pending> items, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var postgres = db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync(ct);

        // Issued questions do not change once issued, so this read needs no transaction. The rate
        // limit's Redis trip overlaps it; answers over the limit are neither stored nor counted.
        var waits = limit.WaitsAsync(items.Select(i => i.Submission).ToList());
        var issued = await LookupAsync(conn, null, items, ct);
        var retryAfterMs = await waits;
        var scored = new List<Scored>();
        for (var i = 0; i < items.Count; i++)
        {
            var (item, s) = (items[i], items[i].Submission);
            if (retryAfterMs[i] > 0)
            {
                item.Done.TrySetResult(new AnswerOutcome(AnswerStatus.RateLimited, RetryAfterMs: retryAfterMs[i]));
                continue;
            }
            if (!issued.TryGetValue((s.AttemptId, s.Seq), out var q) || q.MemberId != s.MemberId || q.ContestId != s.ContestId
                || q.IssuedAt is null || await caches.ContestAsync(s.ContestId, ct) is not { } contest
                || await caches.QuestionAsync(q.VersionId, ct) is not { } version)
            {
                item.Done.TrySetResult(AnswerOutcome.NotFound);
                continue;
            }
            // Closed contests take no answers (the SQL re-checks under a row lock: a close racing this batch).
            if (contest.IsOverAt(s.ReceivedAt))
            {
                item.Done.TrySetResult(AnswerOutcome.Closed);
                continue;
            }
            scored.Add(Score(item, q, contest, version));
        }
        // Only the first of several answers to one question in this batch is tried; the others are repeats or conflicts.
        var firsts = scored.DistinctBy(x => (x.Submission.AttemptId, x.Submission.Seq)).ToList();
        var (fresh, totals, entries) = postgres ? await WriteOneTripAsync(conn, firsts, ct) : await WriteStepwiseAsync(conn, firsts, ct);
        // Not inserted = an earlier answer to the question (repeat or conflict), or refused by the closing guard.
        await ResolveRepeatsAsync(conn, null, scored.Except(fresh).ToList(), ct);

        var changes = new List<(long ContestId, BoardChange Change)>(entries.Count);
        foreach (var row in entries)
        {
            var contest = (await caches.ContestAsync(row.ContestId, ct))!;
            changes.Add((row.ContestId, new BoardChange(row.MemberId, row.Path, BoardScore.Encode(contest, row.Score, row.Ms, row.Reached), row.Correct, row.Delta)));
        }
        foreach (var group in changes.GroupBy(c => c.ContestId))
            await board.ApplyAsync(group.Key, group.Select(g => g.Change).ToList());
        for (var i = 0; i < fresh.Count; i++)
        {
            var (x, t) = (fresh[i], totals[i]);
            x.Item.Done.TrySetResult(new AnswerOutcome(AnswerStatus.Accepted, x.Issued.VersionId, x.Correct, x.Late, x.Points,
                t.Score, t.Correct, t.TotalMs, t.Finished, SealedUntil: x.SealedUntil));
        }
    }

    private sealed record Written(List<Scored> Fresh, List<AnswerTotals.Totals> Totals, List<AnswerTotals.EntryRow> Entries);

    /// <summary>
    /// PostgreSQL: the INSERT and every UPDATE in one command. Statements sent together up to one Sync
    /// run as one implicit transaction, committed before the reader is done, so this is one round trip;
    /// an answer that lost to an earlier one is not counted (AnswerTotals' xmin guard).
    /// </summary>
    private static async Task<Written> WriteOneTripAsync(DbConnection conn, List<Scored> firsts, CancellationToken ct)
    {
        if (firsts.Count == 0) return new([], [], []);
        await using var cmd = conn.CreateCommand();
        var sql = new StringBuilder();
        AppendInsert(sql, cmd, firsts, lockContests: true);
        var rounds = AnswerTotals.Append(sql, cmd, firsts, insertedNow: true);
        cmd.CommandText = sql.ToString();
        List<Scored> fresh;
        (List<AnswerTotals.Totals?> Totals, List<AnswerTotals.EntryRow> Entries) read;
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            var inserted = await ReadInsertedAsync(r, ct);
            await r.NextResultAsync(ct);
            read = await AnswerTotals.ReadAsync(r, firsts, rounds, ct);
            fresh = firsts.Where(x => inserted.Contains(Key(x))).ToList();
        }
        var counted = firsts.Select((x, i) => (x, t: read.Totals[i])).Where(p => p.t is not null).ToList();
        // The guard and RETURNING agree by construction; should they not, fail the batch (a retry gets the stored result).
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
            AppendInsert(sql, cmd, firsts, lockContests: false);
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

    private static (long, int, string) Key(Scored x) => (x.Submission.AttemptId, x.Submission.Seq, x.Submission.RequestId);

    private static Scored Score(AnswerWriter.Pending item, Issued q, Contest contest, QuestionVersion version)
    {
        var s = item.Submission;
        var deadline = q.ClosedAt is { } closed && closed < q.Deadline!.Value ? closed : q.Deadline!.Value;
        var late = s.ReceivedAt > deadline;
        var correct = !late && AnswerKeys.IsCorrect(version.Kind, version.AnswerKey, s.Response);
        var elapsed = Math.Max(0, (long)(s.ReceivedAt - q.IssuedAt!.Value).TotalMilliseconds);
        var points = 0;
        if (correct)
        {
            var limitMs = Math.Max(1, (q.Deadline!.Value - q.IssuedAt.Value).TotalMilliseconds);
            var left = Math.Clamp((deadline - s.ReceivedAt).TotalMilliseconds / limitMs, 0, 1);
            points = contest.PointsPerCorrect + (int)Math.Round(contest.SpeedBonusMax * left, MidpointRounding.AwayFromZero);
        }
        // Live rounds: the key and the verdict stay sealed until the round closes for everyone.
        return new Scored(item, q, correct, late, points, elapsed, elapsed < contest.MinHumanMs,
            EndsAttempt: contest.Mode == ContestMode.Challenge && !correct, SealedUntil: contest.Mode == ContestMode.Live ? deadline : null);
    }

    private static async Task<Dictionary<(long, int), Issued>> LookupAsync(DbConnection conn, DbTransaction? tx, IReadOnlyList<AnswerWriter.Pending> items, CancellationToken ct)
    {
        await using var cmd = Command(conn, tx, new StringBuilder("""
            SELECT aq.attempt_id, aq.seq, aq.question_version_id, aq.issued_at, aq.deadline, a.member_id, a.contest_id, lr.closed_at
            FROM attempt_questions aq
            JOIN contest_attempts a ON a.id = aq.attempt_id
            LEFT JOIN live_rounds lr ON lr.contest_id = a.contest_id AND lr.seq = aq.seq
            WHERE
            """).AppendJoin(" OR ", items.Select(i => Pair("aq", i.Submission.AttemptId, i.Submission.Seq))).ToString());
        var result = new Dictionary<(long, int), Issued>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result[(r.GetInt64(0), r.GetInt32(1))] = new Issued(r.GetInt64(2), Time(r, 3), Time(r, 4), r.GetInt64(5), r.GetInt64(6), Time(r, 7));
        return result;
    }

    /// <summary>
    /// Inserts only while the contest is open: the closing UPDATE (<see cref="ContestLifecycle"/>) waits for
    /// batches holding the contest row FOR SHARE and the final ranking is taken after them; a batch
    /// arriving after the close re-reads the row and inserts nothing. SQLite has one writer at a time.
    /// </summary>
    private static void AppendInsert(StringBuilder sql, DbCommand cmd, List<Scored> scored, bool lockContests)
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
            .Append(lockContests ? " AND c.ends_at > v.column8 FOR SHARE OF c" : "")
            .Append(" ON CONFLICT (attempt_id, seq) DO NOTHING RETURNING attempt_id, seq, request_id;\n");
    }

    private static async Task<HashSet<(long, int, string)>> ReadInsertedAsync(DbDataReader r, CancellationToken ct)
    {
        var done = new HashSet<(long, int, string)>();
        while (await r.ReadAsync(ct)) done.Add((r.GetInt64(0), r.GetInt32(1), r.GetString(2)));
        return done;
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
                : first == x.Item.Submission.RequestId ? stored[key] with { QuestionVersionId = x.Issued.VersionId, SealedUntil = x.SealedUntil }
                : AnswerOutcome.Conflict);
        }
    }

    private static string Pair(string alias, long attemptId, int seq) =>
        string.Create(CultureInfo.InvariantCulture, $"({alias}.attempt_id = {attemptId} AND {alias}.seq = {seq})");

    private static DbCommand Command(DbConnection conn, DbTransaction? tx, string sql)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private static void Param(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }

    private static DateTime? Time(DbDataReader r, int i) => AnswerTotals.Time(r, i);
}
