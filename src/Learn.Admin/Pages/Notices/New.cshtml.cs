using Learn.Admin.Hosting;
using Learn.Core.Data;
using Learn.Core.Notices;
using Learn.Core.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Admin.Pages.Notices;

/// <summary>
/// 写通知: the form, a preview of the message as each WeChat channel shows it (the data <see cref="NoticeSender"/>
/// sends, under the deployment's field keys) with how many members it can reach, and the send itself.
/// </summary>
public sealed class NewModel(LearnDbContext db, NoticeSender sender, IOptions<NotificationOptions> notifications) : AdminPageModel
{
    public const string WholeSubtree = "subtree";

    public sealed class Form
    {
        public string? Title { get; set; }
        public string? Content { get; set; }
        public NotificationChannel Channel { get; set; } = NotificationChannel.OfficialAccountTemplate;
        public string Target { get; set; } = WholeSubtree;
        public List<long> OrganizationIds { get; set; } = [];

        /// <summary>One per form shown: sending the same form twice (double click, reload) makes one notice.</summary>
        public Guid Token { get; set; }
    }

    public sealed record Branch(long Id, string Name, int Depth);
    public sealed record PreviewField(string Label, string Key, string Value);

    [BindProperty] public Form Input { get; set; } = new();

    public IReadOnlyList<Branch> Branches { get; private set; } = [];
    public NotificationTemplateOptions? Template { get; private set; }
    public IReadOnlyList<PreviewField>? OfficialPreview { get; private set; }
    public IReadOnlyList<PreviewField>? MiniPreview { get; private set; }
    public CampaignReachCounts? Reach { get; private set; }
    public string? AudienceName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.Token = Guid.NewGuid();
        await LoadAsync(ct);
    }

    /// <summary>Shows the message and its reach, sending nothing.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var draft = Draft();
        var errors = draft.Check();
        if (errors.Count > 0)
        {
            AddErrors(NoticeDraft.Invalid(errors));
            return Page();
        }
        var audience = await sender.AudienceAsync(Scope, draft, ct);
        if (!audience.Succeeded) return Refused(audience.Refusal!);
        var data = await sender.DataAsync(Scope, draft, ct);
        OfficialPreview = Fields(data, Template?.OfficialAccountFields);
        MiniPreview = Template?.MiniProgramTemplateId is null ? null : Fields(data, Template.MiniProgramFields);
        AudienceName = audience.Value.Names;
        if (Template is not null)
            Reach = await CampaignReach.CountAsync(db, audience.Value.Audience.Members(db).Select(m => m.Id), draft.Channel, Template, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var sent = await sender.SendAsync(Scope, Draft(), Input.Token, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        if (!sent.Succeeded) return Refused(sent.Refusal!);
        Flash = $"通知“{sent.Value!.Title}”已提交发送";
        return RedirectToPage("Details", new { id = sent.Value.Id });
    }

    private NoticeDraft Draft() =>
        new(Input.Title, Input.Content, Input.Channel, Input.Target == WholeSubtree, Input.Target == WholeSubtree ? [] : Input.OrganizationIds);

    private static List<PreviewField> Fields(Dictionary<string, string> data, Dictionary<string, string>? keys) =>
        [.. NoticeMessage.Fields.Where(f => keys is null || keys.Count == 0 || keys.ContainsKey(f.Field))
            .Select(f => new PreviewField(f.Label, keys?.GetValueOrDefault(f.Field) ?? f.Field, data[f.Field]))];

    private async Task LoadAsync(CancellationToken ct)
    {
        Template = notifications.Value.Templates.GetValueOrDefault(NoticeMessage.Template);
        var organizations = await Scope.Filter(db.Organizations).AsNoTracking().OrderBy(o => o.Path)
            .Select(o => new { o.Id, o.Name, o.Path }).ToListAsync(ct);
        var top = organizations.Count == 0 ? 0 : organizations.Min(o => o.Path.Count(c => c == '/'));
        Branches = [.. organizations.Select(o => new Branch(o.Id, o.Name, o.Path.Count(c => c == '/') - top))];
    }
}
