using Learn.Core;
using Learn.Admin.Hosting;
using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Audit;

/// <summary>
/// 审计日志: who changed what, newest first; search by keyword (action, person, object id, reason) and
/// date. Scoped like everything else: entries belong to an organisation path; entries without one
/// (system-wide changes) are for super admins.
/// </summary>
public sealed class IndexModel(LearnDbContext db) : AdminPageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyList<string> Actions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // An entry belongs to the subtree it was written in; entries without a path are the super admin's.
        var entries = Scope.Filter(db.AuditLog.AsNoTracking(), e => e.OrganizationPath);
        Actions = await entries.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            entries = entries.Where(e => e.Action.Contains(q) || e.ActorName.Contains(q) || e.EntityId == q
                || (e.Reason != null && e.Reason.Contains(q)) || (e.After != null && e.After.Contains(q)) || (e.Before != null && e.Before.Contains(q)));
        }
        if (!string.IsNullOrEmpty(Action)) entries = entries.Where(e => e.Action == Action);
        if (From is { } from) entries = entries.Where(e => e.OccurredAt >= StartOfShanghaiDay(from));
        if (To is { } to) entries = entries.Where(e => e.OccurredAt < StartOfShanghaiDay(to.AddDays(1)));
        Total = await entries.CountAsync(ct);
        PageNumber = Math.Max(1, PageNumber);
        Entries = await entries.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    private static DateTime StartOfShanghaiDay(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Shanghai.Zone);

    public static string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, Shanghai.Zone).ToString("yyyy-MM-dd HH:mm:ss");

    public static string ActionName(string action) => action switch
    {
        "organizer.sign-in" => "登录",
        "organizer.sign-out" => "退出登录",
        "organizer.lockout" => "账号锁定",
        "organizer.create" => "新建管理员账号",
        "organizer.disable" => "停用管理员账号",
        "organizer.enable" => "启用管理员账号",
        "organizer.reset-password" => "重设管理员密码",
        "question.report.resolve" => "采纳答题纠错",
        "question.report.reject" => "不采纳答题纠错",
        "question.edit" => "修改题目",
        "contest.void" => "作废竞赛成绩",
        "member.create" => "新增党员",
        "member.edit" => "编辑党员",
        "member.transfer" => "组织关系转接",
        "member.status" => "党籍状态变更",
        "member.mobile.view" => "查看完整手机号",
        "member.import" => "名册导入",
        "member.export" => "名册导出",
        "member.export.mobiles" => "名册导出（完整手机号）",
        "organization.create" => "新建组织",
        "organization.rename" => "组织更名",
        "organization.move" => "调整上级组织",
        "organization.term" => "设置届期",
        "invitation.issue" => "签发邀请码",
        "invitation.revoke" => "作废邀请码",
        "holiday-notice.edit" => "修改节前提醒",
        "job.run-now" => "立即执行任务",
        _ => action,
    };
}
