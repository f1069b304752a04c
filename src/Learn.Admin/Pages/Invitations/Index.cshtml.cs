using System.ComponentModel.DataAnnotations;
using Learn.Admin.Hosting;
using Learn.Core.Invitations;
using Learn.Core.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Learn.Admin.Pages.Invitations;

/// <summary>绑定邀请码: codes a branch hands out so its members can bind WeChat; issue and revoke within scope.</summary>
public sealed class IndexModel(InvitationCodes codes, OrganizationTree tree, TimeProvider clock) : AdminPageModel
{
    public sealed class Form
    {
        [Required(ErrorMessage = "请选择党支部")]
        public long? OrganizationId { get; set; }

        [Range(1, 90, ErrorMessage = "有效期应在1到90天之间")]
        public int ValidDays { get; set; } = 14;

        [Range(1, 1000, ErrorMessage = "可用次数应在1到1000之间")]
        public int MaxUses { get; set; } = 50;
    }

    [BindProperty]
    public Form Input { get; set; } = new();

    public IReadOnlyList<InvitationView> Codes { get; private set; } = [];
    public List<SelectListItem> Branches { get; private set; } = [];
    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!ModelState.IsValid) return Page();
        var outcome = await codes.IssueAsync(Scope, new InvitationInput(Input.OrganizationId!.Value, Input.ValidDays, Input.MaxUses), ct);
        if (outcome.Refusal is { } refusal) return Refused(refusal);
        Flash = $"已签发邀请码 {outcome.Value!.Code}（{outcome.Value.OrganizationName}）";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct)
    {
        var outcome = await codes.RevokeAsync(Scope, id, ct);
        if (outcome.Refusal is { } refusal) return Refused(refusal);
        Flash = $"已作废邀请码 {outcome.Value!.Code}";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Codes = await codes.ListAsync(Scope, ct);
        Branches = OrganizationOptions.Of(await tree.ListAsync(Scope, ct), o => o.Kind == OrganizationKind.Branch);
    }

    public string StateOf(InvitationView c) =>
        c.Revoked ? "已作废" : c.ExpiresAt <= Now ? "已过期" : c.UsedCount >= c.MaxUses ? "已用完" : "可用";
}
