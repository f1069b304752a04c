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
public sealed class AnswerBatch(IDbContextFactory<LearnDbContext> dbs, ContestCaches caches, ContestBoard board)
{
    private sealed record Issued(long VersionId, DateTime? IssuedAt, DateTime? Deadline, long MemberId, long ContestId, DateTime? ClosedAt);

    private sealed record Scored(AnswerWriter.Pending Item, Issued Issued, bool Correct, bool Late, int Points, long ElapsedMs, bool TooFast, bool EndsAttempt)
        : AnswerTotals.IFresh
    {
        public AnswerSubmission Submission => Item.Submission;
    }

    internal async Task WriteAsync(IReadOnlyList<AnswerWriter.Pending> items, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);

        var issued = await LookupAsync(conn, tx, items, ct);
        var scored = new List<Scored>();
        foreach (var item in items)
        {
            var s = item.Submission;
            if (!issued.TryGetValue((s.AttemptId, s.Seq), out var q) || q.MemberId != s.MemberId || q.ContestId != s.ContestId
                || q.IssuedAt is null || await caches.ContestAsync(s.ContestId, ct) is not { } contest
                || await caches.QuestionAsync(q.VersionId, ct) is not { } version)
            {
                item.Done.TrySetResult(AnswerOutcome.NotFound);
                continue;
            }
            scored.Add(Score(item, q, contest, version));
        }

        var inserted = await InsertAsync(conn, tx, scored, ct);
        // Each inserted row belongs to exactly one request: the first of identical duplicates in this batch.
        var fresh = scored.Where(x => inserted.Remove((x.Item.Submission.AttemptId, x.Item.Submission.Seq, x.Item.Submission.RequestId))).ToList();
        var repeated = scored.Except(fresh).ToList();
        await ResolveRepeatsAsync(conn, tx, repeated, ct);
        var (totals, entries) = await AnswerTotals.ApplyAsync(conn, tx, fresh, ct);
        await tx.CommitAsync(ct);

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
                t.Score, t.Correct, t.TotalMs, t.Finished));
        }
    }

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
        return new Scored(item, q, correct, late, points, elapsed, elapsed < contest.MinHumanMs,
            EndsAttempt: contest.Mode == ContestMode.Challenge && !correct);
    }

    private static async Task<Dictionary<(long, int), Issued>> LookupAsync(DbConnection conn, DbTransaction tx, IReadOnlyList<AnswerWriter.Pending> items, CancellationToken ct)
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

    private static async Task<HashSet<(long, int, string)>> InsertAsync(DbConnection conn, DbTransaction tx, List<Scored> scored, CancellationToken ct)
    {
        var done = new HashSet<(long, int, string)>();
        if (scored.Count == 0) return done;
        var sql = new StringBuilder("""
            INSERT INTO contest_answers (contest_id, attempt_id, seq, member_id, question_version_id, request_id, response,
                answered_at, elapsed_ms, is_correct, is_late, points, too_fast) VALUES
            """);
        await using var cmd = Command(conn, tx, "");
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
        sql.Append(" ON CONFLICT (attempt_id, seq) DO NOTHING RETURNING attempt_id, seq, request_id");
        cmd.CommandText = sql.ToString();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) done.Add((r.GetInt64(0), r.GetInt32(1), r.GetString(2)));
        return done;
    }

    /// <summary>Same request id → the stored result again; another answer to an answered question → refused.</summary>
    private static async Task ResolveRepeatsAsync(DbConnection conn, DbTransaction tx, List<Scored> repeated, CancellationToken ct)
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
            x.Item.Done.TrySetResult(requestIds.TryGetValue(key, out var first) && first == x.Item.Submission.RequestId
                ? stored[key] with { QuestionVersionId = x.Issued.VersionId }
                : AnswerOutcome.Conflict);
        }
    }

    private static string Pair(string alias, long attemptId, int seq) =>
        string.Create(CultureInfo.InvariantCulture, $"({alias}.attempt_id = {attemptId} AND {alias}.seq = {seq})");

    private static DbCommand Command(DbConnection conn, DbTransaction tx, string sql)
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
