using Learn.Admin.Hosting;
using Learn.Core.Members.Roster;
using Learn.Core.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Learn.Admin.Pages.Members;

/// <summary>
/// 名册导出: active members in scope (optionally one organisation's subtree) as XLSX or CSV, audited. Mobiles are masked;
/// a super admin may tick 导出完整手机号 (audited as such), anyone else asking for it gets 403.
/// </summary>
public sealed class ExportModel(RosterExport export, OrganizationTree tree) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public long? OrganizationId { get; set; }
    [BindProperty(SupportsGet = true)] public string Format { get; set; } = "xlsx";
    [BindProperty(SupportsGet = true)] public bool FullMobiles { get; set; }

    public List<SelectListItem> Organizations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Organizations = OrganizationOptions.Of(await tree.ListAsync(Scope, ct));

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken ct)
    {
        if (!Enum.TryParse<RosterFileKind>(Format, ignoreCase: true, out var kind))
        {
            await OnGetAsync(ct);
            ModelState.AddModelError("", "格式应为 CSV 或 XLSX");
            return Page();
        }
        var outcome = await export.ExportAsync(Scope, kind, OrganizationId, FullMobiles, ct);
        if (outcome.Refusal is { } refusal) return Refused(refusal, "");
        return File(outcome.Value!.Content, outcome.Value.ContentType, outcome.Value.FileName);
    }
}
