using Learn.Core.Contests;
using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Core.Study;

/// <summary>
/// 竞赛 study points: once a contest is closed, every member in its frozen final ranking (voided results are
/// not in it) earns <see cref="StudyOptions.ContestPoints"/>, within the Contest daily cap. Run by Learn.Jobs
/// after the closing step, never on the answer path (ADR 0202). Idempotent: the ledger key is per contest, so a
/// re-run awards only the members a cut-short run missed.
/// </summary>
public sealed class ContestStudyPoints(IDbContextFactory<LearnDbContext> dbs, StudyPoints points, IOptions<StudyOptions> options)
{
    private const int Batch = 500;

    public static string KeyOf(long contestId) => $"contest:{contestId}";

    /// <summary>Awards the participants still without their entry; the number awarded now (0 for an open contest).</summary>
    public async Task<int> AwardAsync(long contestId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var contest = await db.Set<Contest>().AsNoTracking().Where(c => c.Id == contestId && c.ClosedAt != null)
            .Select(c => new { c.Title }).SingleOrDefaultAsync(ct);
        if (contest is null) return 0;
        var key = KeyOf(contestId);
        var reason = $"参加竞赛《{contest.Title}》";
        var awarded = 0;
        for (long after = 0; ;)
        {
            // Anti-join on the ledger's unique (member_id, idempotency_key) index: only members not yet awarded.
            var members = await db.Set<ContestFinalRank>().AsNoTracking()
                .Where(r => r.ContestId == contestId && r.MemberId > after
                    && !db.Set<StudyPointEntry>().Any(e => e.MemberId == r.MemberId && e.IdempotencyKey == key))
                .OrderBy(r => r.MemberId).Select(r => r.MemberId).Take(Batch).ToListAsync(ct);
            if (members.Count == 0) return awarded;
            foreach (var member in members)
                if (!(await points.AwardAsync(member, StudyPointKind.Contest, key, options.Value.ContestPoints, reason, ct)).AlreadyAwarded)
                    awarded++;
            after = members[^1];
        }
    }
}
