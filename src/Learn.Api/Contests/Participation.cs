using Learn.Core.Contests;
using Learn.Core.Contests.Boards;
using Learn.Core.Data;
using Learn.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Contests;

/// <summary>Who may take part, and joining (one entry per member, tied to one WeChat identity).</summary>
public sealed class Participation(LearnDbContext db, BoardCatchUp board, TimeProvider clock)
{
    public enum JoinResult { Joined, NotInAudience, OtherIdentity }

    public Task<bool> InAudienceAsync(Contest contest, long memberId, CancellationToken ct) =>
        ContestAudience.Members(db, contest).AnyAsync(m => m.Id == memberId, ct);

    public async Task<JoinResult> JoinAsync(Contest contest, long memberId, long identityId, CancellationToken ct)
    {
        var entry = await db.Set<ContestEntry>().AsNoTracking().SingleOrDefaultAsync(e => e.ContestId == contest.Id && e.MemberId == memberId, ct);
        if (entry is not null) return entry.IdentityId == identityId ? JoinResult.Joined : JoinResult.OtherIdentity;
        if (!await InAudienceAsync(contest, memberId, ct)) return JoinResult.NotInAudience;
        var member = await db.Members.AsNoTracking().Include(m => m.Organization).SingleAsync(m => m.Id == memberId, ct);
        entry = new ContestEntry
        {
            ContestId = contest.Id, MemberId = memberId, IdentityId = identityId,
            OrganizationId = member.OrganizationId, OrganizationPath = member.Organization!.Path,
            JoinedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(entry);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Joined at the same moment on another request or instance: that entry stands.
            db.ChangeTracker.Clear();
            var other = await db.Set<ContestEntry>().AsNoTracking().SingleAsync(e => e.ContestId == contest.Id && e.MemberId == memberId, ct);
            return other.IdentityId == identityId ? JoinResult.Joined : JoinResult.OtherIdentity;
        }
        // Queued like answers' changes (in order, before this member's first answer): joining never waits on Redis.
        board.Enqueue(contest.Id, [new BoardChange(memberId, entry.OrganizationPath, BoardScore.Encode(contest, 0, 0, null), 0, 0)
        {
            Joined = true, Name = member.Name, OrganizationId = member.OrganizationId,
        }]);
        return JoinResult.Joined;
    }
}
