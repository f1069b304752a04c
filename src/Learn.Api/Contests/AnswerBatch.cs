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
/// The rate limit is this instance's (no trip); after the commit the board changes are queued for
/// Redis (<see cref="BoardCatchUp"/>, not awaited) and callers are answered at once.
/// See docs/decisions/0306-answer-critical-path.md.
/// </summary>
public sealed partial class AnswerBatch(IDbContextFactory<LearnDbContext> dbs, ContestCaches caches, BoardCatchUp board, AnswerRateLimit limit)
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

        // Answers over this instance's rate limit are neither stored nor counted (no network trip).
        var allowed = new List<AnswerWriter.Pending>(items.Count);
        foreach (var item in items)
        {
            if (limit.WaitMs(item.Submission) is var wait and > 0)
                item.Done.TrySetResult(new AnswerOutcome(AnswerStatus.RateLimited, RetryAfterMs: wait));
            else allowed.Add(item);
        }
        if (allowed.Count == 0) return;
        // Issued questions do not change once issued, so this read needs no transaction.
        var issued = await LookupAsync(conn, null, allowed, ct);
        var scored = new List<Scored>();
        foreach (var item in allowed)
        {
            var s = item.Submission;
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
        var (fresh, totals, entries) = postgres ? await WriteUnnestAsync((Npgsql.NpgsqlConnection)conn, firsts, ct) : await WriteStepwiseAsync(conn, firsts, ct);
        // Not inserted = an earlier answer to the question (repeat or conflict), or refused by the closing guard.
        await ResolveRepeatsAsync(conn, null, scored.Except(fresh).ToList(), ct);

        var changes = new List<(long ContestId, BoardChange Change)>(entries.Count);
        foreach (var row in entries)
        {
            var contest = (await caches.ContestAsync(row.ContestId, ct))!;
            changes.Add((row.ContestId, new BoardChange(row.MemberId, row.Path, BoardScore.Encode(contest, row.Score, row.Ms, row.Reached), row.Correct, row.Delta)));
        }
        // Durable now: the board follows off the acknowledgement path and catches up by itself after a Redis failure.
        foreach (var group in changes.GroupBy(c => c.ContestId))
            board.Enqueue(group.Key, group.Select(g => g.Change).ToList());
        for (var i = 0; i < fresh.Count; i++)
        {
            var (x, t) = (fresh[i], totals[i]);
            x.Item.Done.TrySetResult(new AnswerOutcome(AnswerStatus.Accepted, x.Issued.VersionId, x.Correct, x.Late, x.Points,
                t.Score, t.Correct, t.TotalMs, t.Finished, SealedUntil: x.SealedUntil));
        }
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

}
