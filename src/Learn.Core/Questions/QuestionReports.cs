using Learn.Core.Auditing;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Learn.Core.Organizers;
using Learn.Core.Problems;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Questions;

public sealed record QuestionReportRow(long Id, long QuestionId, int VersionNo, int CurrentVersionNo, string Stem, long? ContestId, string? ContestTitle,
    string MemberName, string Note, QuestionReportStatus Status, string? Resolution, string? ResolvedBy, DateTime CreatedAt, DateTime? ResolvedAt);

/// <summary>
/// 答题纠错 for organisers: the queue of members' reports, and the decision on each (采纳 / 不采纳, with a note).
/// A report made in a contest belongs to the organisers whose subtree holds the contest's organising unit; one without
/// a contest belongs to the bank's owners, the super admins (the bank has no organisation). The reporter is told the
/// decision through the outbox, in the same transaction as the decision, so a decision is never silent.
/// </summary>
public sealed class QuestionReports(LearnDbContext db, Auditor auditor, TimeProvider clock)
{
    public const int PageSize = 20;
    public const string ReplyTemplate = "QuestionReportReply";

    /// <summary>The reports this organiser handles (see the class summary).</summary>
    public IQueryable<QuestionReport> Visible(OrganizerScope scope)
    {
        var reports = db.Set<QuestionReport>().AsNoTracking();
        if (scope.IsSuperAdmin) return reports;
        var contests = scope.Filter(db.Set<Contest>(), c => c.OrganizationPath).Select(c => c.Id);
        return reports.Where(r => r.ContestId != null && contests.Contains(r.ContestId.Value));
    }

    public async Task<(IReadOnlyList<QuestionReportRow> Rows, int Total)> PageAsync(OrganizerScope scope, QuestionReportStatus? status, int page,
        CancellationToken ct = default)
    {
        var reports = Visible(scope);
        if (status is { } s) reports = reports.Where(r => r.Status == s);
        var total = await reports.CountAsync(ct);
        // Open ones first, newest first; the page's ids, then their rows (a join after paging would lose the order).
        var ids = await reports.OrderBy(r => r.Status == QuestionReportStatus.Open ? 0 : 1).ThenByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize).Select(r => r.Id).ToListAsync(ct);
        var rows = await Rows(db.Set<QuestionReport>().AsNoTracking().Where(r => ids.Contains(r.Id))).ToListAsync(ct);
        return (rows.OrderBy(r => ids.IndexOf(r.Id)).ToList(), total);
    }

    public async Task<Outcome<QuestionReportRow>> GetAsync(OrganizerScope scope, long id, CancellationToken ct = default) =>
        await Rows(Visible(scope).Where(r => r.Id == id)).SingleOrDefaultAsync(ct) is { } row ? row : Refusal.NotFound("纠错不存在");

    /// <summary>
    /// 采纳 (<paramref name="accepted"/>) or 不采纳, with the note the reporter reads. The conditional update is the lock:
    /// of two organisers deciding at once, one wins and the other is told it was decided already.
    /// </summary>
    public async Task<Outcome<QuestionReportRow>> DecideAsync(OrganizerScope scope, long id, bool accepted, string? note, CancellationToken ct = default)
    {
        var found = await GetAsync(scope, id, ct);
        if (found.Refusal is { } refusal) return refusal;
        var text = note?.Trim() ?? "";
        if (text.Length is 0 or > 500) return Refusal.Invalid("note", "请填写处理说明（不超过 500 字）");
        var report = await db.Set<QuestionReport>().AsNoTracking().SingleAsync(r => r.Id == id, ct);
        var status = accepted ? QuestionReportStatus.Resolved : QuestionReportStatus.Rejected;
        var now = clock.GetUtcNow().UtcDateTime;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Set<QuestionReport>().Where(r => r.Id == id && r.Status == QuestionReportStatus.Open)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, status).SetProperty(r => r.Resolution, text)
                .SetProperty(r => r.ResolvedBy, scope.DisplayName).SetProperty(r => r.ResolvedAt, now), ct);
        if (changed == 0) return Refusal.Conflict(ProblemTypes.Conflict, "这条纠错已经处理过了");
        var contestPath = report.ContestId is { } contestId
            ? await db.Set<Contest>().Where(c => c.Id == contestId).Select(c => c.OrganizationPath).SingleOrDefaultAsync(ct) : null;
        auditor.Record(scope.Actor(), accepted ? "question.report.resolve" : "question.report.reject", "question_report", id,
            after: new { status = status.ToString(), report.QuestionId }, organizationPath: contestPath, reason: text);
        await db.SaveChangesAsync(ct);
        var spec = new CampaignSpec($"question-report:{id}", $"答题纠错处理结果 #{id}", ReplyTemplate, NotificationChannel.MiniProgramSubscribe);
        await Outbox.CreateExplicitAsync(db, spec, [new Recipient(report.MemberId, new Dictionary<string, string>
        {
            ["question"] = MessageText.Fit(found.Value!.Stem),
            ["result"] = accepted ? "已采纳" : "未采纳",
            ["note"] = MessageText.Fit(text),
        })], now, ct);
        await tx.CommitAsync(ct);
        return (await GetAsync(scope, id, ct)).Value!;
    }

    private IQueryable<QuestionReportRow> Rows(IQueryable<QuestionReport> reports) =>
        from r in reports
        join v in db.Set<QuestionVersion>() on r.QuestionVersionId equals v.Id
        join q in db.Set<Question>() on r.QuestionId equals q.Id
        join m in db.Members on r.MemberId equals m.Id
        join c in db.Set<Contest>() on r.ContestId equals (long?)c.Id into contests
        from c in contests.DefaultIfEmpty()
        select new QuestionReportRow(r.Id, r.QuestionId, v.VersionNo, q.VersionNo, v.Stem, r.ContestId, c == null ? null : c.Title,
            m.Name, r.Note, r.Status, r.Resolution, r.ResolvedBy, r.CreatedAt, r.ResolvedAt);
}
