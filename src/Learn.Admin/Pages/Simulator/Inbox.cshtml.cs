using System.Net.Http.Json;
using Learn.Admin.Hosting;
using Learn.Core.Data;
using Learn.Core.Demo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Admin.Pages.Simulator;

/// <summary>
/// 模拟微信消息 (demo only): the messages Learn.Jobs sent to the WeChat simulator, newest first, with the member
/// each openid belongs to. Outside 演示模式 the page does not exist (404).
/// </summary>
public sealed class InboxModel(LearnDbContext db, IOptions<DemoModeOptions> demo) : AdminPageModel
{
    public const int PageSize = 50;

    // One client for the page: the simulator is local and answers in milliseconds.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public sealed record Message(long MsgId, DateTimeOffset ReceivedAt, string Kind, string AppId, string ToUser,
        string TemplateId, string? Page, Dictionary<string, string> Data);

    private sealed record InboxPage(int Total, List<Message> Messages);

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public int Total { get; private set; }
    public IReadOnlyList<Message> Messages { get; private set; } = [];
    public IReadOnlyDictionary<string, string> MemberNames { get; private set; } = new Dictionary<string, string>();
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!demo.Value.IsDemo) return NotFound();
        PageNumber = Math.Max(1, PageNumber);
        var url = $"{demo.Value.SimulatorUrl.TrimEnd('/')}/simulator/inbox?skip={(PageNumber - 1) * PageSize}&take={PageSize}";
        try
        {
            var page = await Http.GetFromJsonAsync<InboxPage>(url, ct);
            Total = page?.Total ?? 0;
            Messages = page?.Messages ?? [];
        }
        catch (HttpRequestException ex)
        {
            Error = $"微信模拟器不可达（{demo.Value.SimulatorUrl}）：{ex.Message}";
        }
        var openIds = Messages.Select(m => m.ToUser).Distinct().ToList();
        var identities = await db.WeChatIdentities.AsNoTracking().Where(w => openIds.Contains(w.OpenId) && w.MemberId != null)
            .Select(w => new { w.OpenId, MemberId = w.MemberId!.Value }).ToListAsync(ct);
        var memberIds = identities.Select(i => i.MemberId).Distinct().ToList();
        // Only members in the organiser's scope get a name; other openids stay as they are.
        var names = await Scope.Filter(db.Members.AsNoTracking()).Where(m => memberIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        MemberNames = identities.Where(i => names.ContainsKey(i.MemberId)).ToDictionary(i => i.OpenId, i => names[i.MemberId]);
        return Page();
    }

    /// <summary>The notification a demo template id stands for (<c>demo-PoliticalBirthday-mp</c> → 政治生日祝福, appsettings.Development.json of Learn.Jobs).</summary>
    public static string TemplateName(string templateId) => templateId.Split('-') switch
    {
        [_, "PoliticalBirthday", ..] => "政治生日祝福",
        [_, "PoliticalBirthdayDigest", ..] => "政治生日提醒（支部书记）",
        [_, "HolidayNotice", ..] => "节前廉政提醒",
        [_, "TermReminder", ..] => "换届提醒",
        [_, "ContestResult", ..] => "竞赛成绩",
        [_, "ContestReminder", ..] => "竞赛提醒",
        [_, "QuestionReportReply", ..] => "答题纠错处理结果",
        [_, "DailyArticle", ..] => "每日学习推送",
        _ => templateId,
    };
}
