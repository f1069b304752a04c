using Learn.Core;
using System.ComponentModel.DataAnnotations;
using Learn.Admin.Hosting;
using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Organizations;

/// <summary>组织架构: the tree in scope with member counts and 超期未换届 flags, and a form to add an organisation (admins only).</summary>
public sealed class IndexModel(OrganizationTree tree, LearnDbContext db, TimeProvider clock) : AdminPageModel
{
    public sealed class Form
    {
        [Required(ErrorMessage = "请选择上级组织")]
        public long? ParentId { get; set; }

        [Required(ErrorMessage = "请填写组织名称"), StringLength(100, ErrorMessage = "组织名称不超过100字")]
        public string? Name { get; set; }

        public OrganizationKind Kind { get; set; } = OrganizationKind.Branch;
    }

    [BindProperty]
    public Form Input { get; set; } = new();

    public IReadOnlyList<OrganizationView> Tree { get; private set; } = [];
    public Dictionary<long, int> MemberCounts { get; private set; } = [];
    public List<SelectListItem> Parents { get; private set; } = [];

    public static IEnumerable<SelectListItem> Kinds { get; } = Enum.GetValues<OrganizationKind>()
        .Select(k => new SelectListItem(k.ToChinese(), k.ToString()));

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!ModelState.IsValid) return Page();
        var outcome = await tree.CreateAsync(Scope, new OrganizationInput(Input.ParentId, Input.Name!, Input.Kind), ct);
        if (outcome.Refusal is { } refusal) return Refused(refusal);
        Flash = $"已新建{outcome.Value!.KindName}：{outcome.Value.Name}";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Tree = await tree.ListAsync(Scope, ct);
        Parents = OrganizationOptions.Of(Tree, o => o.Kind != OrganizationKind.Group);
        // Direct members of each organisation; the tree view shows subtree totals from these.
        MemberCounts = await Scope.Filter(db.Members.AsNoTracking()).Where(m => m.Status == MemberStatus.Active)
            .GroupBy(m => m.OrganizationId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }

    /// <summary>超期未换届: the term ended before today (Asia/Shanghai) and was not renewed.</summary>
    public bool TermOverdue(OrganizationView org) => org.TermEnd is { } end && end < Shanghai.Today(clock);

    public int SubtreeMembers(OrganizationView org) =>
        Tree.Where(o => Subtree.Contains(org.Path, o.Path)).Sum(o => MemberCounts.GetValueOrDefault(o.Id));

    public IEnumerable<OrganizationView> ChildrenOf(OrganizationView? parent) => parent is null
        ? Tree.Where(o => !Tree.Any(p => p.Id == o.ParentId))
        : Tree.Where(o => o.ParentId == parent.Id);
}
