using Learn.Admin.Hosting;
using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Holidays;
using Learn.Core.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Admin.Pages.Holidays;

/// <summary>
/// One holiday's notice template: title, text and audience, previewed through <see cref="HolidayNoticeMessage"/>,
/// the code HolidayNoticeJob sends with, so the preview is the message. Saving is audited.
/// </summary>
public sealed class EditModel(LearnDbContext db, Auditor auditor, TimeProvider clock, IOptions<NotificationOptions> notifications) : AdminPageModel
{
    /// <summary>WeChat's limit for a thing / template-message field.</summary>
    public const int FieldLimit = 20;

    public sealed class Form
    {
        public string? Title { get; set; }
        public string? Content { get; set; }
        public CampaignAudience Audience { get; set; } = CampaignAudience.Everyone;
    }

    public sealed record PreviewField(string Label, string Key, string Value);

    [BindProperty] public Form Input { get; set; } = new();
    /// <summary>The route's holiday name, e.g. <c>SpringFestival</c>; anything else is a 404.</summary>
    [BindProperty(SupportsGet = true, Name = "holiday")] public string? HolidayName { get; set; }

    public Holiday Holiday { get; private set; }

    public bool CanEdit { get; private set; }
    public DateOnly NextDate { get; private set; }
    public IReadOnlyList<PreviewField>? Preview { get; private set; }
    public int? AudienceSize { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Known()) return NotFound();
        var setting = (await HolidaySchedule.SettingsAsync(db, ct))[Holiday];
        Input = new Form { Title = setting.Title, Content = setting.Content, Audience = setting.Audience };
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Shows the message as members will get it, saving nothing.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (!Known()) return NotFound();
        await LoadAsync(ct);
        Validate();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Known()) return NotFound();
        await LoadAsync(ct);
        if (!CanEdit) return StatusCode(StatusCodes.Status403Forbidden);
        if (!Validate()) return Page();

        var setting = await db.Set<HolidayNoticeSetting>().SingleOrDefaultAsync(s => s.Holiday == Holiday, ct);
        var before = setting is null ? HolidayNoticeSetting.DefaultFor(Holiday) : null;
        before ??= new HolidayNoticeSetting { Holiday = Holiday, Title = setting!.Title, Content = setting.Content, Audience = setting.Audience };
        if (setting is null)
        {
            setting = HolidayNoticeSetting.DefaultFor(Holiday);
            db.Add(setting);
        }
        setting.Title = Input.Title!.Trim();
        setting.Content = Input.Content!.Trim();
        setting.Audience = Input.Audience;
        setting.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        setting.UpdatedByOrganizerId = Scope.AccountId;
        auditor.Record(Scope.Actor(HttpContext.Connection.RemoteIpAddress?.ToString()), "holiday-notice.edit", "holiday_notice_setting", Holiday,
            before: new { before.Title, before.Content, before.Audience }, after: new { setting.Title, setting.Content, setting.Audience },
            organizationPath: Scope.IsSuperAdmin ? null : Scope.RootPath);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two organisers saved the first custom text for this holiday at once: the other one won.
            ModelState.AddModelError("", "其他管理员刚刚修改了这条提醒，请刷新后重试。");
            return Page();
        }
        Flash = $"已保存{Holiday.ToChinese()}的节前提醒";
        return RedirectToPage("Index");
    }

    private bool Known()
    {
        if (HolidayName is null || !HolidayName.All(char.IsAsciiLetter) || !Enum.TryParse<Holiday>(HolidayName, out var holiday)) return false;
        Holiday = holiday;
        return true;
    }

    /// <summary>Chinese messages per field; true when the form can be saved.</summary>
    private bool Validate()
    {
        var name = Holiday.ToChinese();
        Check(nameof(Form.Title), "标题", Input.Title);
        Check(nameof(Form.Content), "提醒内容", Input.Content);
        if (Input.Audience is not (CampaignAudience.Everyone or CampaignAudience.LeadingCadres))
            ModelState.AddModelError("Input.Audience", "请选择发送对象：全体党员或领导干部。");
        return ModelState.ErrorCount == 0;

        void Check(string field, string label, string? text)
        {
            var key = "Input." + field;
            if (string.IsNullOrWhiteSpace(text))
            {
                ModelState.AddModelError(key, $"请填写{label}。");
                return;
            }
            var filled = HolidayNoticeMessage.Fill(text.Trim(), name);
            if (HolidayNoticeMessage.Fill(text, "").IndexOfAny(['{', '}']) >= 0)
                ModelState.AddModelError(key, $"{label}中只能使用占位符 {HolidayNoticeMessage.HolidayPlaceholder}（代表节日名称）。");
            else if (filled.Length > FieldLimit)
                ModelState.AddModelError(key, $"{label}代入节日名称后有 {filled.Length} 个字，微信消息最多 {FieldLimit} 个字，超出部分会被截断。");
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        CanEdit = await HolidaySchedule.CanEditAsync(db, Scope, ct);
        NextDate = HolidaySchedule.NextDate(Holiday, clock);
        var sample = new HolidayNoticeSetting { Holiday = Holiday, Title = Input.Title ?? "", Content = Input.Content ?? "" };
        var data = HolidayNoticeMessage.Data(sample, Holiday, NextDate);
        var keys = notifications.Value.Templates.GetValueOrDefault(HolidayNoticeMessage.Template)?.OfficialAccountFields ?? [];
        Preview = [.. new[] { ("title", "标题"), ("content", "内容"), ("date", "节日日期") }
            .Select(f => new PreviewField(f.Item2, keys.GetValueOrDefault(f.Item1) ?? f.Item1, data[f.Item1]))];
        var audience = Input.Audience is CampaignAudience.LeadingCadres ? CampaignAudience.LeadingCadres : CampaignAudience.Everyone;
        AudienceSize = await Audiences.Members(db, audience, null).CountAsync(ct);
    }
}
