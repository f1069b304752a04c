using Learn.Core.Auditing;
using Learn.Core.Contests.Boards;
using Learn.Core.Data;
using Learn.Core.Questions;
using Microsoft.EntityFrameworkCore;
using Learn.Core.Organizations;

namespace Learn.Core.Contests;

/// <summary>
/// Organiser-side contest management for Learn.Admin. Every method takes the organiser's scope
/// path (their organisation's <c>Path</c>; "/" for the whole tree) and only touches what lies inside it.
/// </summary>
public sealed class ContestAdmin(LearnDbContext db, Auditor auditor, TimeProvider clock, ContestBoard board, ContestCaches caches)
{
    public sealed record Created(Contest? Contest, IDictionary<string, string[]> Errors);

    public async Task<Created> CreateAsync(string scopePath, long organizationId, ContestDraft draft, AuditActor actor, CancellationToken ct = default)
    {
        var errors = draft.Validate();
        var owner = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organizationId, ct);
        if (owner is null || !owner.IsWithin(scopePath)) errors["OrganizationId"] = ["主办组织不在您的管理范围内"];
        var audience = await db.Organizations.AsNoTracking().Where(o => draft.AudienceOrganizationIds.Contains(o.Id)).ToListAsync(ct);
        if (audience.Count != draft.AudienceOrganizationIds.Distinct().Count() || audience.Any(o => !o.IsWithin(scopePath)))
            errors["AudienceOrganizationIds"] = ["参赛组织须在您的管理范围内"];
        var whitelist = draft.WhitelistMemberIds.Distinct().ToList();
        if (whitelist.Count > 0 && await db.Members.Within(m => m.Organization!.Path, scopePath).CountAsync(m => whitelist.Contains(m.Id), ct) != whitelist.Count)
            errors["WhitelistMemberIds"] = ["名单中有不在您管理范围内的党员"];
        var pool = await caches.PoolAsync(ct);
        var probe = new Contest { Title = draft.Title, Categories = Join(draft.Categories) };
        if (draft.Mode == ContestMode.Timed && QuestionDraw.Available(pool, probe) < draft.EasyCount + draft.MediumCount + draft.HardCount)
            errors["Categories"] = ["所选分类中的启用题目不足以组成一套试卷"];
        if (errors.Count > 0) return new Created(null, errors);

        var contest = new Contest
        {
            Title = draft.Title.Trim(), Description = draft.Description, Mode = draft.Mode,
            StartsAt = draft.StartsAt, EndsAt = draft.EndsAt,
            OrganizationId = owner!.Id, OrganizationPath = owner.Path,
            AudiencePaths = audience.Count == 0 ? "" : "|" + string.Join('|', audience.Select(o => o.Path)) + "|",
            HasWhitelist = draft.WhitelistMemberIds.Count > 0,
            Categories = Join(draft.Categories),
            EasyCount = draft.EasyCount, MediumCount = draft.MediumCount, HardCount = draft.HardCount,
            SecondsPerQuestion = draft.SecondsPerQuestion, AttemptsPerDay = draft.AttemptsPerDay, AttemptsTotal = draft.AttemptsTotal,
            PointsPerCorrect = draft.PointsPerCorrect, SpeedBonusMax = draft.SpeedBonusMax, MinHumanMs = draft.MinHumanMs,
            HideBoardUntilClose = draft.HideBoardUntilClose, PublicBoard = draft.PublicBoard, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(contest);
        await db.SaveChangesAsync(ct);
        db.AddRange(whitelist.Select(m => new ContestWhitelistEntry { ContestId = contest.Id, MemberId = m }));
        auditor.Record(actor, "contest.create", "contest", contest.Id, after: new { contest.Title, contest.Mode, Whitelist = whitelist.Count },
            organizationPath: contest.OrganizationPath);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Created(contest, errors);
    }

    /// <summary>
    /// Voids a member's result (with a reason in the audit log). For a closed contest the frozen final ranking is
    /// recomputed and marked revised in the same transaction; the boards and organisation roll-ups drop the result
    /// once it is committed (a board Redis has lost is rebuilt from the database, which no longer counts it).
    /// </summary>
    public async Task<bool> VoidAsync(string scopePath, long contestId, long memberId, string reason, AuditActor actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("A reason is required.", nameof(reason));
        var entry = await db.Set<ContestEntry>().SingleOrDefaultAsync(e => e.ContestId == contestId && e.MemberId == memberId, ct);
        if (entry is null || entry.Voided || !Subtree.Contains(scopePath, entry.OrganizationPath)) return false;
        var before = new { entry.Score, entry.CorrectCount, entry.TotalMs };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        entry.Voided = true;
        await db.SaveChangesAsync(ct);
        var revised = await ContestLifecycle.ReviseRanksAsync(db, contestId, clock.GetUtcNow().UtcDateTime, ct);
        auditor.Record(actor, "contest.void", "contest_entry", entry.Id, before: before, after: new { voided = true, finalRanksRevised = revised },
            organizationPath: entry.OrganizationPath, reason: reason.Trim());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await board.VoidAsync(contestId, memberId, entry.OrganizationPath);
        return true;
    }

    public sealed record FlaggedAnswer(long MemberId, string MemberName, long AttemptId, int Seq, long ElapsedMs, bool IsCorrect, DateTime AnsweredAt);

    /// <summary>Answers faster than humanly plausible, for organisers to review (and perhaps void).</summary>
    public async Task<IReadOnlyList<FlaggedAnswer>> FlaggedAnswersAsync(string scopePath, long contestId, CancellationToken ct = default) =>
        await (from a in db.Set<ContestAnswer>().AsNoTracking()
               where a.ContestId == contestId && a.TooFast
               join e in db.Set<ContestEntry>().Within(e => e.OrganizationPath, scopePath) on new { a.ContestId, a.MemberId } equals new { e.ContestId, e.MemberId }
               join m in db.Members on a.MemberId equals m.Id
               orderby a.AnsweredAt
               select new FlaggedAnswer(a.MemberId, m.Name, a.AttemptId, a.Seq, a.ElapsedMs, a.IsCorrect, a.AnsweredAt)).ToListAsync(ct);

    private static string Join(IReadOnlyList<string> categories) =>
        categories.Count == 0 ? "" : "|" + string.Join('|', categories.Select(c => c.Trim()).Distinct()) + "|";
}
