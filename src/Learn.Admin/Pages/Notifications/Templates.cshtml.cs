using Learn.Admin.Hosting;
using Learn.Admin.Pages.Holidays;
using Learn.Core.Data;
using Learn.Core.Holidays;
using Learn.Core.Notifications;
using Microsoft.Extensions.Options;

namespace Learn.Admin.Pages.Notifications;

/// <summary>
/// 通知模板: the messages the platform sends. Holiday notices carry organisers' own text (edited and previewed
/// on the holiday page); the others are written by the jobs from members' data. The WeChat template ids behind
/// them are deployment settings, shown so an organiser can see which channel each can use.
/// </summary>
public sealed class TemplatesModel(LearnDbContext db, IOptions<NotificationOptions> notifications) : AdminPageModel
{
    public static readonly string[] Known =
        ["PoliticalBirthday", "PoliticalBirthdayDigest", "HolidayNotice", "TermReminder", "ContestResult", "ContestReminder", "QuestionReportReply", "DailyArticle"];

    public sealed record TemplateRow(string Name, bool MiniProgram, bool OfficialAccount, string Fields);

    public IReadOnlyList<TemplateRow> Templates { get; private set; } = [];
    public Dictionary<Holiday, HolidayNoticeSetting> Holidays { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var configured = notifications.Value.Templates;
        Templates = [.. Known.Concat(configured.Keys.Except(Known)).Select(name =>
        {
            var t = configured.GetValueOrDefault(name);
            var fields = t is null ? "" : string.Join("、", t.OfficialAccountFields.Keys.Concat(t.MiniProgramFields.Keys).Distinct());
            return new TemplateRow(name, !string.IsNullOrWhiteSpace(t?.MiniProgramTemplateId), !string.IsNullOrWhiteSpace(t?.OfficialAccountTemplateId), fields);
        })];
        Holidays = await HolidaySchedule.SettingsAsync(db, ct);
    }
}
