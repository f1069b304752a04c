using System.ComponentModel.DataAnnotations;
using Learn.Admin.Hosting;
using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Learn.Core.Security;

namespace Learn.Admin.Pages.Members;

/// <summary>
/// Adding a member (no id) or editing one. The rules are <see cref="MemberRules"/> inside
/// <see cref="MemberRoster"/>; the form only checks what the browser could not send otherwise.
/// The branch changes through a transfer (the details page), never here.
/// </summary>
public sealed class EditModel(MemberRoster roster, OrganizationTree tree, LearnDbContext db, PersonalDataProtector protector) : AdminPageModel
{
    public sealed class Form
    {
        [Required(ErrorMessage = "请填写姓名")]
        public string? Name { get; set; }

        public Gender Gender { get; set; }
        public string? Mobile { get; set; }
        public long? OrganizationId { get; set; }

        [Required(ErrorMessage = "请填写入党日期")]
        public DateOnly? JoinedPartyOn { get; set; }

        public DateOnly? FullMemberOn { get; set; }
        public string? Post { get; set; }
        public bool IsLeadingCadre { get; set; }

        /// <summary>Editing: a blank mobile keeps the stored one unless this is ticked.</summary>
        public bool ClearMobile { get; set; }
    }

    [BindProperty]
    public Form Input { get; set; } = new();

    public long? Id { get; private set; }
    public string? CurrentOrganization { get; private set; }
    public string? CurrentMobileMasked { get; private set; }
    public List<SelectListItem> Organizations { get; private set; } = [];

    public static IEnumerable<SelectListItem> Genders { get; } =
        [new("未填", nameof(Gender.Unknown)), new("男", nameof(Gender.Male)), new("女", nameof(Gender.Female))];

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        var posted = Input;
        if (await LoadAsync(id, ct) is { } stop) return stop;
        Input = posted;
        if (id is null && Input.OrganizationId is null) ModelState.AddModelError("Input.OrganizationId", "请选择所在组织");
        if (!ModelState.IsValid) return Page();

        var mobile = Input.Mobile;
        if (id is { } editing && string.IsNullOrWhiteSpace(mobile) && !Input.ClearMobile)
            mobile = await StoredMobileAsync(editing, ct); // the page never shows it, so nothing to audit as viewed
        var input = new MemberInput(Input.Name!, Input.Gender, mobile, Input.OrganizationId ?? 0, Input.JoinedPartyOn!.Value,
            Input.FullMemberOn, Input.Post, Input.IsLeadingCadre);
        var outcome = id is { } existing ? await roster.EditAsync(Scope, existing, input with { OrganizationId = 0 }, ct) : await roster.CreateAsync(Scope, input, ct);
        if (outcome.Refusal is { } refusal) return Refused(refusal);
        Flash = id is null ? $"已新增党员：{outcome.Value!.Name}" : "党员信息已保存";
        return RedirectToPage("Details", new { id = outcome.Value!.Id });
    }

    private async Task<IActionResult?> LoadAsync(long? id, CancellationToken ct)
    {
        Organizations = OrganizationOptions.Of(await tree.ListAsync(Scope, ct), OrganizationOptions.HoldsMembers);
        if (id is not { } memberId) return null;
        var found = await roster.GetAsync(Scope, memberId, ct);
        if (found.Refusal is { } refusal) return Refused(refusal);
        var m = found.Value!.Member;
        Id = m.Id;
        CurrentOrganization = found.Value.OrganizationPathNames;
        CurrentMobileMasked = m.MobileMasked;
        Input = new Form
        {
            Name = m.Name, Gender = m.Gender, OrganizationId = m.OrganizationId, JoinedPartyOn = m.JoinedPartyOn,
            FullMemberOn = m.FullMemberOn, Post = m.Post, IsLeadingCadre = m.IsLeadingCadre,
        };
        return null;
    }

    private async Task<string?> StoredMobileAsync(long id, CancellationToken ct)
    {
        var cipher = await Scope.Filter(db.Members.AsNoTracking()).Where(m => m.Id == id).Select(m => m.MobileCipher).SingleOrDefaultAsync(ct);
        return cipher is null ? null : protector.Decrypt(cipher);
    }
}
