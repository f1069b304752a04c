using Learn.Admin.Pages.Questions;
using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Jobs;
using Learn.Jobs.Birthdays;
using Learn.Jobs.Contests;
using Learn.Jobs.Holidays;
using Learn.Jobs.Study;
using Learn.Jobs.Terms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Jobs;

/// <summary>
/// 任务 (super admins only): each Quartz job's next fire time from Quartz's tables, its last outcome from
/// <see cref="JobRun"/>, the cluster's nodes, and 立即执行, which writes a <see cref="JobRunRequest"/> that a
/// Learn.Jobs node fires (docs/decisions/0602). Every request is audited.
/// </summary>
public sealed class IndexModel(LearnDbContext db, Auditor auditor, TimeProvider clock) : SuperAdminPageModel
{
    public sealed record Row(QuartzTables.JobRow Job, JobRun? LastRun, bool RunRequested);

    public IReadOnlyList<Row>? Jobs { get; private set; }
    public IReadOnlyList<QuartzTables.NodeRow> Nodes { get; private set; } = [];
    public IReadOnlyList<JobRunRequest> Requests { get; private set; } = [];
    public async Task OnGetAsync(CancellationToken ct)
    {
        var jobs = await QuartzTables.JobsAsync(db, ct);
        Nodes = await QuartzTables.NodesAsync(db, ct) ?? [];
        Requests = await db.Set<JobRunRequest>().AsNoTracking().OrderByDescending(r => r.Id).Take(10).ToListAsync(ct);
        if (jobs is null) return;
        var rows = new List<Row>();
        foreach (var job in jobs)
        {
            var key = JobRun.KeyOf(job.Group, job.Name);
            var last = await db.Set<JobRun>().AsNoTracking().Where(r => r.Job == key)
                .OrderByDescending(r => r.FinishedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
            var requested = Requests.Any(r => r.ClaimedAt == null && r.JobGroup == job.Group && r.JobName == job.Name);
            rows.Add(new Row(job, last, requested));
        }
        Jobs = rows;
    }

    public async Task<IActionResult> OnPostRunAsync(string group, string name, CancellationToken ct)
    {
        var jobs = await QuartzTables.JobsAsync(db, ct);
        if (jobs?.Any(j => j.Group == group && j.Name == name) != true) return NotFound();
        var request = new JobRunRequest
        {
            JobGroup = group, JobName = name, RequestedAt = clock.GetUtcNow().UtcDateTime,
            RequestedByOrganizerId = Scope.AccountId, RequestedByName = Scope.DisplayName,
        };
        db.Add(request);
        auditor.Record(Scope.Actor(HttpContext.Connection.RemoteIpAddress?.ToString()), "job.run-now", "job", JobRun.KeyOf(group, name),
            after: new { 任务 = NameOf(name) });
        await db.SaveChangesAsync(ct);
        Flash = $"已提交“{NameOf(name)}”立即执行，Learn.Jobs 将在几秒内开始运行。";
        return RedirectToPage();
    }

    public static string NameOf(string job) =>
        job == PoliticalBirthdayJob.Key.Name ? "政治生日祝福与支部提醒"
        : job == HolidayNoticeJob.Key.Name ? "节前廉政提醒"
        : job == TermReminderJob.Key.Name ? "换届提醒"
        : job == ContestLifecycleJob.Key.Name ? "竞赛开始、结束与成绩通知"
        : job == ContestReminderJob.Key.Name ? "竞赛截止前提醒"
        : job == DailyArticlePushJob.Key.Name ? "每日文章推送"
        : job;

    public static string StateOf(string? state) => state switch
    {
        "WAITING" or "ACQUIRED" => "正常",
        "EXECUTING" or "BLOCKED" => "正在运行",
        "PAUSED" or "PAUSED_BLOCKED" => "已暂停",
        "ERROR" => "出错",
        null => "无计划",
        _ => state,
    };

    /// <summary>A node that missed three check-ins is gone (Quartz 4 stamps check-ins with the host's TimeProvider, as we read it).</summary>
    public bool IsOnline(QuartzTables.NodeRow node) =>
        clock.GetUtcNow().UtcDateTime - node.LastCheckinUtc <= node.CheckinInterval * 3;

    public static string Local(DateTime? utc) => utc is { } u ? Learn.Admin.Pages.Audit.IndexModel.Local(u) : "—";
}
