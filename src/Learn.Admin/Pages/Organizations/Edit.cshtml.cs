using System.ComponentModel.DataAnnotations;
using Learn.Admin.Hosting;
using Learn.Core.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Learn.Admin.Pages.Organizations;

/// <summary>Renaming an organisation, moving it (with its subtree) and its term dates. Admins only.</summary>
public sealed class EditModel(OrganizationTree tree, OrganizationMove move) : AdminPageModel
{
    public sealed class Form
    {
        [Required(ErrorMessage = "请填写组织名称"), StringLength(100, ErrorMessage = "组织名称不超过100字")]
        public string? Name { get; set; }

        public long? NewParentId { get; set; }
        public DateOnly? TermStart { get; set; }
        public DateOnly? TermEnd { get; set; }
    }

    [BindProperty]
    public Form Input { get; set; } = new();

    public OrganizationView Organization { get; private set; } = null!;
    public List<SelectListItem> Parents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        Input = new Form { Name = Organization.Name, NewParentId = Organization.ParentId, TermStart = Organization.TermStart, TermEnd = Organization.TermEnd };
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync(long id, CancellationToken ct) =>
        await SaveAsync(id, () => tree.RenameAsync(Scope, id, Input.Name ?? "", ct), "名称已保存", ct);

    public async Task<IActionResult> OnPostMoveAsync(long id, CancellationToken ct)
    {
        ModelState.Remove("Input.Name");
        if (Input.NewParentId is not { } parent)
        {
            await LoadAsync(id, ct);
            ModelState.AddModelError("Input.NewParentId", "请选择新的上级组织");
            return Page();
        }
        return await SaveAsync(id, () => move.MoveAsync(Scope, id, parent, ct), "已调整上级组织", ct);
    }

    public async Task<IActionResult> OnPostTermAsync(long id, CancellationToken ct)
    {
        ModelState.Remove("Input.Name");
        return await SaveAsync(id, () => tree.SetTermAsync(Scope, id, Input.TermStart, Input.TermEnd, ct), "届期已保存", ct);
    }

    private async Task<IActionResult> SaveAsync(long id, Func<Task<Core.Organizers.Outcome<OrganizationView>>> save, string done, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        if (!ModelState.IsValid) return Page();
        var outcome = await save();
        if (outcome.Refusal is { } refusal) return Refused(refusal);
        Flash = done;
        return RedirectToPage(new { id });
    }

    /// <summary>404 outside the organiser's scope, 403 for a branch secretary (who may not change the tree).</summary>
    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var found = await tree.GetAsync(Scope, id, ct);
        if (found.Refusal is { } refusal) return Refused(refusal);
        if (!Scope.CanManageTree) return StatusCode(StatusCodes.Status403Forbidden);
        Organization = found.Value!;
        var all = await tree.ListAsync(Scope, ct);
        Parents = OrganizationOptions.Of(all, o => o.Kind < Organization.Kind && !Subtree.Contains(Organization.Path, o.Path));
        return null;
    }
}
