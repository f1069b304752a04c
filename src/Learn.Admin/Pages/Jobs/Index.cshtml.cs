using Learn.Admin.Pages.Questions;
using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Jobs;

/// <summary>
/// 任务 (super admins only): each recurring job's next run from Hangfire's storage, its last outcome from
/// <see cref="JobRun"/>, Learn.Jobs' live Hangfire servers, and 立即执行, which writes a <see cref="JobRunRequest"/>
/// that a Learn.Jobs node turns into a Hangfire job (docs/decisions/0403). Every request is audited; the Hangfire
/// dashboard at /jobs/hangfire is read-only, so this page is the one place that starts a job.
/// </summary>
public sealed class IndexModel(LearnDbContext db, JobStorage storage, Auditor auditor, TimeProvider clock) : SuperAdminPageModel
{
    public sealed record Row(HangfireJobs.JobRow Job, JobRun? LastRun, bool RunRequested);

    public IReadOnlyList<Row>? Jobs { get; private set; }
    public IReadOnlyList<HangfireJobs.NodeRow> Nodes { get; private set; } = [];
    public IReadOnlyList<JobRunRequest> Requests { get; private set; } = [];
    public async Task OnGetAsync(CancellationToken ct)
    {
        var jobs = HangfireJobs.Jobs(storage);
        Nodes = HangfireJobs.Nodes(storage);
        Requests = await db.Set<JobRunRequest>().AsNoTracking().OrderByDescending(r => r.Id).Take(10).ToListAsync(ct);
        if (jobs is null) return;
        var rows = new List<Row>();
        foreach (var job in jobs)
        {
            var last = await db.Set<JobRun>().AsNoTracking().Where(r => r.Job == job.Id)
                .OrderByDescending(r => r.FinishedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
            var requested = Requests.Any(r => r.ClaimedAt == null && r.JobGroup == JobIds.Group && r.JobName == job.Name);
            rows.Add(new Row(job, last, requested));
        }
        Jobs = rows;
    }

    public async Task<IActionResult> OnPostRunAsync(string group, string name, CancellationToken ct)
    {
        if (!JobIds.All.Contains(JobRun.KeyOf(group, name))) return NotFound();
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

    public static string NameOf(string job) => JobIds.DisplayName(JobRun.KeyOf(JobIds.Group, job));

    public static string StateOf(string? state) => state switch
    {
        "Succeeded" => "正常",
        "Enqueued" or "Processing" or "Awaiting" => "正在运行",
        "Scheduled" => "等待重试",
        "Failed" => "出错",
        "Deleted" => "已删除",
        null => "尚未运行",
        _ => state,
    };

    /// <summary>Hangfire drops a server whose heartbeat is a minute old (Learn.Jobs' ServerTimeout): older is gone.</summary>
    public bool IsOnline(HangfireJobs.NodeRow node) =>
        node.HeartbeatUtc is { } beat && clock.GetUtcNow().UtcDateTime - beat <= TimeSpan.FromMinutes(1);

    public static string Local(DateTime? utc) => utc is { } u ? Learn.Admin.Pages.Audit.IndexModel.Local(u) : "—";
}
