using Learn.Admin.Hosting;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Learn.Admin.Pages.Members;

/// <summary>党员名册: search by name, organisation (with its subtree), join year and status; sortable, paged.</summary>
public sealed class IndexModel(MemberSearch search, OrganizationTree tree) : AdminPageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public long? OrganizationId { get; set; }
    [BindProperty(SupportsGet = true)] public int? JoinYear { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }

    // "page" is Razor Pages' own route value, so the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Paged<MemberView> Result { get; private set; } = new([], 0, 1, PageSize);
    public List<SelectListItem> Organizations { get; private set; } = [];

    public static IEnumerable<SelectListItem> Statuses { get; } =
    [
        new("在册", "active"), new("已转出", "movedAway"), new("已故", "deceased"), new("全部", "all"),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Organizations = OrganizationOptions.Of(await tree.ListAsync(Scope, ct));
        var outcome = await search.SearchAsync(Scope, new MemberQuery(Name, OrganizationId, JoinYear, Status, Sort, Math.Max(1, PageNumber), PageSize), ct);
        if (outcome.Refusal is { } refusal)
        {
            if (refusal.Status == StatusCodes.Status404NotFound) return NotFound();
            AddErrors(refusal, "");
            return Page();
        }
        Result = outcome.Value!;
        return Page();
    }

    /// <summary>The link of a sortable column header: ascending first, then descending.</summary>
    public string SortLink(string field)
    {
        var next = Sort == field ? "-" + field : field;
        var query = Request.Query.Where(q => q.Key is not ("sort" or "p"))
            .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()))
            .Append(new("sort", next));
        return Request.Path + QueryString.Create(query);
    }

    public string SortMark(string field) => Sort == field ? " ▲" : Sort == "-" + field ? " ▼" : "";
}
