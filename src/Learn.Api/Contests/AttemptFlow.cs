using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Questions;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Contests;

/// <summary>
/// Timed papers and challenges from the member's side: starting within the limits, resuming, and
/// issuing the next question. The server records when it issued each question; the time limit
/// runs from there whether or not the member is connected, so a resume shows the remaining time.
/// </summary>
public sealed partial class AttemptFlow(LearnDbContext db, ContestCaches caches, AnswerTickets tickets, TimeProvider clock)
{
    public enum StartResult { Started, Resumed, DailyLimit, TotalLimit, PoolEmpty, Busy }

    public async Task<(StartResult Result, ContestAttempt? Attempt)> StartAsync(Contest contest, long memberId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var open = await OpenAttemptAsync(contest, memberId, ct);
        if (open is not null) return (StartResult.Resumed, open);

        var today = Learn.Core.Shanghai.DayOf(now);
        var mine = await db.Set<ContestAttempt>().AsNoTracking().Where(a => a.ContestId == contest.Id && a.MemberId == memberId)
            .Select(a => new { a.Number, a.StartedOn }).ToListAsync(ct);
        if (contest.AttemptsTotal > 0 && mine.Count >= contest.AttemptsTotal) return (StartResult.TotalLimit, null);
        if (contest.AttemptsPerDay > 0 && mine.Count(a => a.StartedOn == today) >= contest.AttemptsPerDay) return (StartResult.DailyLimit, null);

        var pool = await caches.PoolAsync(ct);
        var versions = contest.Mode == ContestMode.Timed
            ? QuestionDraw.Paper(pool, contest)
            : QuestionDraw.Next(pool, contest, []) is { } first ? [first] : [];
        if (versions.Count == 0) return (StartResult.PoolEmpty, null);

        var attempt = new ContestAttempt
        {
            ContestId = contest.Id, MemberId = memberId, Number = mine.Count == 0 ? 1 : mine.Max(a => a.Number) + 1,
            StartedAt = now, StartedOn = today, Status = AttemptStatus.InProgress,
            QuestionCount = contest.Mode == ContestMode.Timed ? versions.Count : 0,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(attempt);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same attempt number was taken by a simultaneous start: the limits were checked by that one.
            return (StartResult.Busy, null);
        }
        db.AddRange(versions.Select((v, i) => new AttemptQuestion { AttemptId = attempt.Id, Seq = i + 1, QuestionVersionId = v }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (StartResult.Started, attempt);
    }

    /// <summary>The member's unfinished attempt, if any (finishing one whose questions have all run out).</summary>
    public async Task<ContestAttempt?> OpenAttemptAsync(Contest contest, long memberId, CancellationToken ct)
    {
        var attempt = await db.Set<ContestAttempt>().AsNoTracking()
            .Where(a => a.ContestId == contest.Id && a.MemberId == memberId && a.Status == AttemptStatus.InProgress)
            .OrderByDescending(a => a.Number).FirstOrDefaultAsync(ct);
        if (attempt is null) return null;
        return await CurrentQuestionAsync(contest, attempt, ct) is null ? null : attempt;
    }

    public async Task<ContestAttempt?> LatestAttemptAsync(Contest contest, long memberId, CancellationToken ct) =>
        await db.Set<ContestAttempt>().AsNoTracking().Where(a => a.ContestId == contest.Id && a.MemberId == memberId)
            .OrderByDescending(a => a.Number).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The question the member should be answering now, issuing the next one when due; null when
    /// the attempt is over (then it is marked finished).
    /// </summary>
    public async Task<QuestionPayload?> CurrentQuestionAsync(Contest contest, ContestAttempt attempt, CancellationToken ct)
    {
        if (attempt.Status == AttemptStatus.Finished) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var questions = await (from q in db.Set<AttemptQuestion>().AsNoTracking()
                               where q.AttemptId == attempt.Id
                               join a in db.Set<ContestAnswer>() on new { q.AttemptId, q.Seq } equals new { a.AttemptId, a.Seq } into answers
                               from a in answers.DefaultIfEmpty()
                               orderby q.Seq
                               select new { Q = q, Answered = a != null, Scored = a != null && a.IsCorrect }).ToListAsync(ct);
        foreach (var row in questions.Where(r => !r.Answered))
        {
            var q = row.Q;
            if (q.IssuedAt is not null && q.Deadline > now) return await PayloadAsync(attempt, q, now, ct);
            if (q.IssuedAt is not null) continue; // ran out of time unanswered: move on
            if (!contest.IsOpenAt(now)) break;
            var deadline = Min(now.AddSeconds(contest.SecondsPerQuestion), contest.EndsAt);
            // Conditional: of two simultaneous requests only one issues; the other reads its times.
            await db.Set<AttemptQuestion>().Where(x => x.Id == q.Id && x.IssuedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.IssuedAt, now).SetProperty(x => x.Deadline, deadline), ct);
            var issued = await db.Set<AttemptQuestion>().AsNoTracking().SingleAsync(x => x.Id == q.Id, ct);
            return await PayloadAsync(attempt, issued, now, ct);
        }
        if (contest.Mode == ContestMode.Challenge && contest.IsOpenAt(now) && questions.Count > 0 && questions.All(r => r.Scored))
        {
            var next = await IssueChallengeQuestionAsync(contest, attempt, questions.Count + 1, now, ct);
            if (next is not null) return next;
        }
        await db.Set<ContestAttempt>().Where(a => a.Id == attempt.Id && a.Status == AttemptStatus.InProgress)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AttemptStatus.Finished).SetProperty(a => a.FinishedAt, now), ct);
        attempt.Status = AttemptStatus.Finished;
        return null;
    }

    private async Task<QuestionPayload?> IssueChallengeQuestionAsync(Contest contest, ContestAttempt attempt, int seq, DateTime now, CancellationToken ct)
    {
        var used = await (from q in db.Set<AttemptQuestion>()
                          where q.AttemptId == attempt.Id
                          join v in db.Set<QuestionVersion>() on q.QuestionVersionId equals v.Id
                          select v.QuestionId).ToListAsync(ct);
        if (QuestionDraw.Next(await caches.PoolAsync(ct), contest, used) is not { } version) return null;
        var question = new AttemptQuestion
        {
            AttemptId = attempt.Id, Seq = seq, QuestionVersionId = version,
            IssuedAt = now, Deadline = Min(now.AddSeconds(contest.SecondsPerQuestion), contest.EndsAt),
        };
        db.Add(question);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            question = await db.Set<AttemptQuestion>().AsNoTracking().SingleAsync(q => q.AttemptId == attempt.Id && q.Seq == seq, ct);
        }
        return await PayloadAsync(attempt, question, now, ct);
    }

    private async Task<QuestionPayload> PayloadAsync(ContestAttempt attempt, AttemptQuestion q, DateTime now, CancellationToken ct)
    {
        var version = (await caches.QuestionAsync(q.QuestionVersionId, ct))!;
        var ticket = tickets.Issue(attempt.MemberId, attempt.ContestId, attempt.Id, q.Seq, q.QuestionVersionId, q.IssuedAt!.Value, q.Deadline!.Value);
        return QuestionPayload.Of(q.Seq, version, q.IssuedAt.Value, q.Deadline.Value, now, ticket);
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
