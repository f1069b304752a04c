using Learn.Admin.Hosting;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Learn.Admin.Pages.Organizers;

/// <summary>
/// 新建组织者账号: only organisations of the organiser's own subtree are offered, and only roles up to their own
/// (Core's <see cref="OrganizerAccounts"/> checks both again, so a forged form gets the same refusal).
/// </summary>
public sealed class CreateModel(OrganizerAccounts accounts, OrganizationTree tree) : ManagerPageModel
{
    public sealed class Form
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public string? Password { get; set; }
        public OrganizerRole Role { get; set; } = OrganizerRole.BranchSecretary;
        public long? OrganizationId { get; set; }
    }

    [BindProperty]
    public Form Input { get; set; } = new();

    public List<SelectListItem> Organizations { get; private set; } = [];
    public List<SelectListItem> Roles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var input = new OrganizerAccountInput(Input.UserName?.Trim() ?? "", Input.DisplayName?.Trim() ?? "", Input.Password ?? "", Input.Role,
            Input.Role == OrganizerRole.SuperAdmin ? null : Input.OrganizationId);
        var outcome = await accounts.CreateAsync(Scope, input, ct);
        if (outcome.Refusal is { } refusal) return Refused(refusal);
        Flash = $"已创建账号 {outcome.Value!.UserName}（{RoleNames.Of(outcome.Value.Role)}）";
        return RedirectToPage("Index");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Organizations = OrganizationOptions.Of(await tree.ListAsync(Scope, ct));
        Roles = Enum.GetValues<OrganizerRole>().Where(r => r <= Scope.Role)
            .Select(r => new SelectListItem(RoleNames.Of(r), r.ToString())).ToList();
    }
}
