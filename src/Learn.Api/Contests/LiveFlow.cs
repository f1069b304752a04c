using Learn.Core.Contests;
using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Contests;

/// <summary>
/// 直播竞答 from the member's side: one attempt per member, created on joining; the open round's
/// question is issued with the round's own window, so a late joiner gets only what is still open
/// and has exactly the time everyone else has left.
/// </summary>
public sealed class LiveFlow(LearnDbContext db, ContestCaches caches, AnswerTickets tickets, TimeProvider clock)
{
    public sealed record LiveState(long AttemptId, int Score, int CorrectCount, QuestionPayload? Open, int? LastRevealedSeq);

    public async Task<LiveState> CurrentAsync(Contest contest, long memberId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var attempt = await EnsureAttemptAsync(contest, memberId, now, ct);
        var rounds = await db.Set<LiveRound>().AsNoTracking().Where(r => r.ContestId == contest.Id).OrderByDescending(r => r.Seq).Take(2).ToListAsync(ct);
        var open = rounds.FirstOrDefault(r => r.OpenedAt <= now && r.EffectiveClose > now);
        QuestionPayload? payload = null;
        if (open is not null)
        {
            var issued = await db.Set<AttemptQuestion>().AsNoTracking().SingleOrDefaultAsync(q => q.AttemptId == attempt.Id && q.Seq == open.Seq, ct);
            if (issued is null)
            {
                db.Add(new AttemptQuestion { AttemptId = attempt.Id, Seq = open.Seq, QuestionVersionId = open.QuestionVersionId, IssuedAt = open.OpenedAt, Deadline = open.ClosesAt });
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    db.ChangeTracker.Clear(); // issued by a simultaneous request
                }
            }
            var version = (await caches.QuestionAsync(open.QuestionVersionId, ct))!;
            // The ticket carries the round's planned close; an early close by the host is applied by the write itself.
            var ticket = tickets.Issue(memberId, contest.Id, attempt.Id, open.Seq, open.QuestionVersionId, open.OpenedAt, open.ClosesAt);
            payload = QuestionPayload.Of(open.Seq, version, open.OpenedAt, open.EffectiveClose, now, ticket);
        }
        var revealed = rounds.Where(r => r.RevealedAt is not null).Select(r => (int?)r.Seq).FirstOrDefault();
        return new LiveState(attempt.Id, attempt.Score, attempt.CorrectCount, payload, revealed);
    }

    /// <summary>A round's key and explanation: only once the round has closed.</summary>
    public async Task<(LiveRound? Round, bool Closed)> RoundAsync(Contest contest, int seq, CancellationToken ct)
    {
        var round = await db.Set<LiveRound>().AsNoTracking().SingleOrDefaultAsync(r => r.ContestId == contest.Id && r.Seq == seq, ct);
        return (round, round is not null && round.EffectiveClose <= clock.GetUtcNow().UtcDateTime);
    }

    private async Task<ContestAttempt> EnsureAttemptAsync(Contest contest, long memberId, DateTime now, CancellationToken ct)
    {
        var attempt = await db.Set<ContestAttempt>().AsNoTracking().SingleOrDefaultAsync(a => a.ContestId == contest.Id && a.MemberId == memberId && a.Number == 1, ct);
        if (attempt is not null) return attempt;
        attempt = new ContestAttempt
        {
            ContestId = contest.Id, MemberId = memberId, Number = 1, StartedAt = now,
            StartedOn = DateOnly.FromDateTime(now), Status = AttemptStatus.InProgress,
        };
        db.Add(attempt);
        try
        {
            await db.SaveChangesAsync(ct);
            return attempt;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await db.Set<ContestAttempt>().AsNoTracking().SingleAsync(a => a.ContestId == contest.Id && a.MemberId == memberId && a.Number == 1, ct);
        }
    }
}
