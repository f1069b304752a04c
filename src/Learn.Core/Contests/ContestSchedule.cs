using Learn.Core.Auditing;
using Learn.Core.Contests.Boards;
using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;
using Learn.Core.Organizations;

namespace Learn.Core.Contests;

/// <summary>
/// Moving a contest's window (Learn.Admin). Before it opens both edges may move; while it is open only the
/// end, and only later (members already playing keep the rules they started under); once over, nothing.
/// Learn.Jobs' lifecycle job reads the window from the database every minute, so closing follows at once;
/// API instances see it within their 5 s contest cache (<see cref="ContestCaches"/>).
/// </summary>
public sealed class ContestSchedule(LearnDbContext db, Auditor auditor, TimeProvider clock, ContestCaches caches, BoardRebuilder rebuilder)
{
    public enum Outcome { Done, Unchanged, NotFound, Invalid }

    public async Task<(Outcome Outcome, IDictionary<string, string[]> Errors)> RescheduleAsync(string scopePath, long contestId,
        DateTime startsAt, DateTime endsAt, AuditActor actor, CancellationToken ct = default)
    {
        var contest = await db.Set<Contest>().AsNoTracking()
            .Within(c => c.OrganizationPath, scopePath).SingleOrDefaultAsync(c => c.Id == contestId, ct);
        if (contest is null) return (Outcome.NotFound, new Dictionary<string, string[]>());
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = Validate(contest, startsAt, endsAt, now);
        if (errors.Count > 0) return (Outcome.Invalid, errors);
        if (startsAt == contest.StartsAt && endsAt == contest.EndsAt) return (Outcome.Unchanged, errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Compare-and-set on the window we validated: a close or another reschedule in between wins.
        var moved = await db.Set<Contest>()
            .Where(c => c.Id == contestId && c.ClosedAt == null && c.StartsAt == contest.StartsAt && c.EndsAt == contest.EndsAt)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.StartsAt, startsAt).SetProperty(c => c.EndsAt, endsAt), ct);
        if (moved == 0) return (Outcome.Invalid, One("EndsAt", "比赛状态刚刚发生变化，请刷新后重试"));
        auditor.Record(actor, "contest.reschedule", "contest", contestId, before: new { contest.StartsAt, contest.EndsAt },
            after: new { StartsAt = startsAt, EndsAt = endsAt }, organizationPath: contest.OrganizationPath);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        caches.ForgetContest(contestId);

        // The board's "reached first" unit depends on the window's length (ADR 0300): re-encode a running board.
        if (now >= contest.StartsAt && BoardScore.ReachedUnitMs(contest.StartsAt, contest.EndsAt) != BoardScore.ReachedUnitMs(startsAt, endsAt))
            await rebuilder.RebuildAsync(contestId, ct);
        return (Outcome.Done, errors);
    }

    private static Dictionary<string, string[]> Validate(Contest contest, DateTime startsAt, DateTime endsAt, DateTime now)
    {
        if (contest.IsOverAt(now)) return One("EndsAt", "比赛已结束，不能再调整时间");
        if (now >= contest.StartsAt)
        {
            if (startsAt != contest.StartsAt) return One("StartsAt", "比赛已开始，开始时间不能再改");
            if (endsAt < contest.EndsAt) return One("EndsAt", "比赛进行中只能延长结束时间，不能提前");
        }
        // A minute's grace: the form has minute precision, so "now" is entered as the current minute.
        else if (startsAt < now.AddMinutes(-1)) return One("StartsAt", "开始时间不能早于现在");
        if (endsAt <= startsAt) return One("EndsAt", "结束时间必须晚于开始时间");
        return [];
    }

    private static Dictionary<string, string[]> One(string field, string message) => new() { [field] = [message] };
}
