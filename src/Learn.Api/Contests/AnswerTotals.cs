using System.Data.Common;
using System.Globalization;
using System.Text;
using Learn.Core.Contests;

namespace Learn.Api.Contests;

/// <summary>
/// Adds a batch's answers to their attempts and entries with set-based SQL: per "round" one
/// <c>WITH v AS (VALUES …) UPDATE contest_attempts … FROM v</c> and one
/// <c>UPDATE contest_entries … FROM contest_attempts</c>, all rounds in one command.
/// A round holds at most one answer per member, so an UPDATE … FROM never matches a row twice and
/// the totals after each answer are exactly what one statement per answer gave. Nearly every
/// batch is one round. Plain SQL that PostgreSQL and SQLite (3.35+: UPDATE FROM, RETURNING) both run.
/// </summary>
internal static class AnswerTotals
{
    internal sealed record Totals(long AttemptId, long MemberId, int Score, int Correct, long TotalMs, DateTime? ReachedAt, bool Finished);

    internal sealed record EntryRow(long ContestId, long MemberId, string Path, int Delta, int Score, int Correct, long Ms, DateTime? Reached, int Version);

    internal interface IFresh
    {
        AnswerSubmission Submission { get; }
        int Points { get; }
        bool Correct { get; }
        long ElapsedMs { get; }
        bool EndsAttempt { get; }
    }

    /// <summary>The statements for <paramref name="items"/>, appended to <paramref name="cmd"/>; read them back with <see cref="ReadAsync"/>.</summary>
    /// <param name="insertedNow">
    /// PostgreSQL only: count an answer only when this transaction inserted its row (<c>xmin</c> is the
    /// current transaction), so the same command can carry the INSERT … ON CONFLICT DO NOTHING before
    /// these statements and an answer that lost to an earlier one changes nothing.
    /// </param>
    public static Rounds Append(StringBuilder sql, DbCommand cmd, IReadOnlyList<IFresh> items, bool insertedNow)
    {
        var (rounds, lists) = Split(items);
        var guard = insertedNow ? InsertedNowGuard : "";
        foreach (var round in lists)
        {
            sql.Append("WITH v(vid, vseq, vpts, vok, vms, vends, vt) AS (VALUES ");
            for (var j = 0; j < round.Count; j++)
            {
                var (x, i) = (items[round[j]], round[j]);
                if (j > 0) sql.Append(',');
                sql.Append(CultureInfo.InvariantCulture,
                    $"({x.Submission.AttemptId},{x.Submission.Seq},{x.Points},{(x.Correct ? 1 : 0)},{x.ElapsedMs},{(x.EndsAttempt ? 1 : 0)},@at{i})");
                var p = cmd.CreateParameter();
                p.ParameterName = $"@at{i}";
                p.Value = x.Submission.ReceivedAt;
                cmd.Parameters.Add(p);
            }
            sql.Append(")\n").Append(UpdateAttempts(guard)).Append(";\n").Append(UpdateEntries("a.id IN ("
                + string.Join(',', round.Select(i => items[i].Submission.AttemptId.ToString(CultureInfo.InvariantCulture))) + ")")).Append(";\n");
        }
        return rounds;
    }

    /// <summary>PostgreSQL only: the answer was inserted by this very transaction (see <see cref="Append"/>'s insertedNow).</summary>
    internal const string InsertedNowGuard =
        " AND EXISTS (SELECT 1 FROM contest_answers x WHERE x.attempt_id = v.vid AND x.seq = v.vseq AND x.xmin = pg_current_xact_id()::xid)";

    /// <summary>Round k = every member's k-th answer in this batch.</summary>
    internal static (Rounds Rounds, List<List<int>> Lists) Split(IReadOnlyList<IFresh> items)
    {
        var seen = new Dictionary<long, int>();
        var roundOf = new int[items.Count];
        var lists = new List<List<int>>();
        for (var i = 0; i < items.Count; i++)
        {
            var k = roundOf[i] = seen.TryGetValue(items[i].Submission.MemberId, out var n) ? n : 0;
            seen[items[i].Submission.MemberId] = k + 1;
            if (k == lists.Count) lists.Add([]);
            lists[k].Add(i);
        }
        return (new Rounds(roundOf, lists.Count), lists);
    }

    private const string Ends = "(v.vends = 1 OR (question_count > 0 AND answered_count + 1 >= question_count))";

    /// <summary>Adds each answer of a round (rows of <c>v</c>) to its attempt; the caller supplies <c>WITH v …</c>.</summary>
    internal static string UpdateAttempts(string guard) => $"""
        UPDATE contest_attempts SET answered_count = answered_count + 1, score = score + v.vpts,
          correct_count = correct_count + v.vok, total_ms = total_ms + v.vms,
          reached_at = CASE WHEN v.vpts > 0 THEN v.vt ELSE reached_at END,
          status = CASE WHEN {Ends} THEN 'Finished' ELSE status END,
          finished_at = CASE WHEN {Ends} THEN v.vt ELSE finished_at END
        FROM v WHERE contest_attempts.id = v.vid{guard}
        RETURNING contest_attempts.id, contest_attempts.member_id, contest_attempts.score, contest_attempts.correct_count,
          contest_attempts.total_ms, contest_attempts.reached_at, contest_attempts.status
        """;

    /// <summary>
    /// The best attempt counts: replace when better, and follow the counted attempt as it goes on.
    /// last_delta reads the old score inside the same statement; board_version orders the board's changes (ADR 0314).
    /// </summary>
    internal static string UpdateEntries(string attemptIds) => $"""
        UPDATE contest_entries SET last_delta = a.score - contest_entries.score, score = a.score, board_version = contest_entries.board_version + 1,
          correct_count = a.correct_count, total_ms = a.total_ms, reached_at = a.reached_at, best_attempt_id = a.id
        FROM contest_attempts a
        WHERE {attemptIds} AND contest_entries.contest_id = a.contest_id AND contest_entries.member_id = a.member_id AND NOT contest_entries.voided
          AND (contest_entries.best_attempt_id = a.id OR contest_entries.best_attempt_id IS NULL OR contest_entries.score < a.score
            OR (contest_entries.score = a.score AND contest_entries.total_ms > a.total_ms))
        RETURNING contest_entries.contest_id, contest_entries.member_id, contest_entries.organization_path, contest_entries.last_delta,
          contest_entries.score, contest_entries.correct_count, contest_entries.total_ms, contest_entries.reached_at, contest_entries.board_version
        """;

    internal sealed record Rounds(int[] RoundOf, int Count);

    /// <summary>
    /// Reads the result sets of <see cref="Append"/> (the reader is at the first of them): per item the
    /// attempt totals right after it (null when it did not count), and the entry changes in order.
    /// </summary>
    public static async Task<(List<Totals?> Totals, List<EntryRow> Entries)> ReadAsync(DbDataReader r, IReadOnlyList<IFresh> items,
        Rounds rounds, CancellationToken ct)
    {
        var entries = new List<EntryRow>(items.Count);
        var perRound = Enumerable.Range(0, rounds.Count).Select(_ => new Dictionary<long, Totals>()).ToList();
        for (var k = 0; k < rounds.Count; k++)
        {
            while (await r.ReadAsync(ct))
                perRound[k][r.GetInt64(0)] = new Totals(r.GetInt64(0), r.GetInt64(1), r.GetInt32(2), r.GetInt32(3), r.GetInt64(4),
                    Time(r, 5), r.GetString(6) == nameof(AttemptStatus.Finished));
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
                entries.Add(new EntryRow(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5),
                    r.GetInt64(6), Time(r, 7), r.GetInt32(8)));
            await r.NextResultAsync(ct);
        }
        var totals = items.Select((x, i) => perRound[rounds.RoundOf[i]].GetValueOrDefault(x.Submission.AttemptId)).ToList();
        return (totals, entries);
    }

    internal static DateTime? Time(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc);
}
