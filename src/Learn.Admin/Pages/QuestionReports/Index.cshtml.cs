using Learn.Admin.Hosting;
using Learn.Core.Questions;
using Microsoft.AspNetCore.Mvc;

namespace Learn.Admin.Pages.QuestionReports;

/// <summary>
/// 答题纠错: members' reports of wrong questions, open ones first, filtered by status, 20 a page. An organiser sees
/// the reports made in contests their subtree organises; super admins (the bank's owners) see all.
/// </summary>
public sealed class IndexModel(Learn.Core.Questions.QuestionReports reports) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public QuestionReportStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<QuestionReportRow> Reports { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        var (rows, total) = await reports.PageAsync(Scope, Status, PageNumber, ct);
        Reports = rows;
        Pager = new Pager(Request, PageNumber, Learn.Core.Questions.QuestionReports.PageSize, total);
    }

    public static string StatusName(QuestionReportStatus status) => status switch
    {
        QuestionReportStatus.Open => "待处理",
        QuestionReportStatus.Resolved => "已采纳",
        QuestionReportStatus.Rejected => "未采纳",
        _ => status.ToString(),
    };

    public static string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, Learn.Core.Shanghai.Zone).ToString("yyyy-MM-dd HH:mm");
}
