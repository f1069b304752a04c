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
/// batch size. What was issued comes from each answer's verified ticket (<see cref="AnswerTickets"/>);
/// only answers without one (older clients) are looked up first. Then one write: insert the answers
/// (ON CONFLICT DO NOTHING = first answer wins; a live round closed early by the host makes an answer
/// received after the close late, in the INSERT itself), update attempts and entries set-based
/// (<see cref="AnswerTotals"/>, RETURNING the new totals and the score delta), commit; conflicts are read
/// back only when there are any. The rate limit is this instance's (no trip); after the commit the board
/// changes are queued for Redis (<see cref="BoardCatchUp"/>, not awaited) and callers are answered at once.
/// See docs/decisions/0306-answer-critical-path.md.
/// </summary>
public sealed partial class AnswerBatch(IDbContextFactory<LearnDbContext> dbs, ContestCaches caches, BoardCatchUp board, AnswerRateLimit limit)
{
    private sealed record Issued(long VersionId, DateTime? IssuedAt, DateTime? Deadline, long MemberId, long ContestId);

    private sealed record Scored(AnswerWriter.Pending Item, Issued Issued, bool Correct, bool Late, int Points, long ElapsedMs, bool TooFast, bool EndsAttempt,
        DateTime? SealedUntil, DateTime? NextDeadline = null) : AnswerTotals.IFresh
    {
        public AnswerSubmission Submission => Item.Submission;
    }

    internal async Task WriteAsync(IReadOnlyList<AnswerWriter.Pending> items, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var postgres = db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync(ct);

        // Answers over this instance's rate limit are neither stored nor counted (no network trip).
        var allowed = new List<AnswerWriter.Pending>(items.Count);
        foreach (var item in items)
        {
            if (limit.WaitMs(item.Submission) is var wait and > 0)
                item.Done.TrySetResult(new AnswerOutcome(AnswerStatus.RateLimited, RetryAfterMs: wait));
            else allowed.Add(item);
        }
        if (allowed.Count == 0) return;
        // A verified ticket says what was issued; only answers without one are looked up (issued questions do not
        // change, so that read needs no transaction). On the happy path the write below is the only trip.
        var untickets = allowed.Where(i => i.Submission.Ticket is null).ToList();
        var issued = untickets.Count == 0 ? [] : await LookupAsync(conn, null, untickets, ct);
        var scored = new List<Scored>();
        foreach (var item in allowed)
        {
            var s = item.Submission;
            var q = s.Ticket is { } t ? new Issued(t.VersionId, t.IssuedAt, t.Deadline, s.MemberId, s.ContestId) : issued.GetValueOrDefault((s.AttemptId, s.Seq));
            if (q is null || q.MemberId != s.MemberId || q.ContestId != s.ContestId
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
        var (fresh, totals, entries, next) = postgres ? await WriteUnnestAsync((Npgsql.NpgsqlConnection)conn, firsts, ct) : await WriteStepwiseAsync(conn, firsts, ct);
        // Not inserted = an earlier answer to the question (repeat or conflict), or refused by the closing guard.
        await ResolveRepeatsAsync(conn, null, scored.Except(fresh).ToList(), ct);

        var changes = new List<(long ContestId, BoardChange Change)>(entries.Count);
        foreach (var row in entries)
        {
            var contest = (await caches.ContestAsync(row.ContestId, ct))!;
            changes.Add((row.ContestId, new BoardChange(row.MemberId, row.Path, BoardScore.Encode(contest, row.Score, row.Ms, row.Reached), row.Correct, row.Delta)
                { Version = row.Version }));
        }
        // Durable now: the board follows off the acknowledgement path and catches up by itself after a Redis failure.
        foreach (var group in changes.GroupBy(c => c.ContestId))
            board.Enqueue(group.Key, group.Select(g => g.Change).ToList());
        for (var i = 0; i < fresh.Count; i++)
        {
            var (x, t) = (fresh[i], totals[i]);
            x.Item.Done.TrySetResult(new AnswerOutcome(AnswerStatus.Accepted, x.Issued.VersionId, x.Correct, x.Late, x.Points,
                t.Score, t.Correct, t.TotalMs, t.Finished, SealedUntil: x.SealedUntil, Next: next.GetValueOrDefault(x.Submission.AttemptId)));
        }
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static (long, int, string) Key(Scored x) => (x.Submission.AttemptId, x.Submission.Seq, x.Submission.RequestId);

    private static Scored Score(AnswerWriter.Pending item, Issued q, Contest contest, QuestionVersion version)
    {
        var s = item.Submission;
        // A live round's early close is not known here (a ticket cannot know it): the INSERT applies it (see InsertSql).
        var deadline = q.Deadline!.Value;
        var late = s.ReceivedAt > deadline;
        var correct = !late && AnswerKeys.IsCorrect(version.Kind, version.AnswerKey, s.Response);
        var elapsed = Math.Max(0, (long)(s.ReceivedAt - q.IssuedAt!.Value).TotalMilliseconds);
        var points = 0;
        if (correct)
        {
            var limitMs = Math.Max(1, (deadline - q.IssuedAt.Value).TotalMilliseconds);
            var left = Math.Clamp((deadline - s.ReceivedAt).TotalMilliseconds / limitMs, 0, 1);
            points = contest.PointsPerCorrect + (int)Math.Round(contest.SpeedBonusMax * left, MidpointRounding.AwayFromZero);
        }
        // Live rounds: the key and the verdict stay sealed until the round closes for everyone. A timed paper's next question, when
        // asked for, runs from this answer's receipt (never past the contest's end), like a GET at that moment would issue it.
        var nextDeadline = s.IssueNext && contest.Mode == ContestMode.Timed
            ? Min(s.ReceivedAt.AddSeconds(contest.SecondsPerQuestion), contest.EndsAt) : (DateTime?)null;
        return new Scored(item, q, correct, late, points, elapsed, elapsed < contest.MinHumanMs,
            EndsAttempt: contest.Mode == ContestMode.Challenge && !correct, SealedUntil: contest.Mode == ContestMode.Live ? deadline : null,
            NextDeadline: nextDeadline);
    }

}
