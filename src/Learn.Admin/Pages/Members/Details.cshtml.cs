using Learn.Core;
using Learn.Admin.Hosting;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Learn.Admin.Pages.Members;

/// <summary>
/// One member: details and transfer history, 组织关系转接, status (转出 / 已故 / 恢复在册), and showing the
/// clear mobile (each look audited by <see cref="MemberRoster.RevealMobileAsync"/>).
/// </summary>
public sealed class DetailsModel(MemberRoster roster, MemberMoves moves, MemberBindings bindings, OrganizationTree tree, TimeProvider clock) : AdminPageModel
{
    public sealed class TransferForm
    {
        public long? ToOrganizationId { get; set; }
        public DateOnly? TransferredOn { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class StatusForm
    {
        public MemberStatus Status { get; set; } = MemberStatus.MovedAway;
        public DateOnly? LeftOn { get; set; }
        public string? Reason { get; set; }
    }

    [BindProperty] public TransferForm Transfer { get; set; } = new();
    [BindProperty] public StatusForm StatusChange { get; set; } = new();

    public MemberDetail Detail { get; private set; } = null!;
    public string? Mobile { get; private set; }
    public List<SelectListItem> Targets { get; private set; } = [];

    public static IEnumerable<SelectListItem> Statuses { get; } =
        [new("已转出（转出本系统）", nameof(MemberStatus.MovedAway)), new("已故", nameof(MemberStatus.Deceased)), new("恢复在册", nameof(MemberStatus.Active))];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostMobileAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        var outcome = await roster.RevealMobileAsync(Scope, id, ct);
        if (outcome.Refusal is { } refusal) return Refused(refusal, "");
        Mobile = outcome.Value ?? "（未登记）";
        return Page();
    }

    public async Task<IActionResult> OnPostTransferAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        if (Transfer.ToOrganizationId is not { } to)
        {
            ModelState.AddModelError("Transfer.ToOrganizationId", "请选择转入组织");
            return Page();
        }
        var outcome = await moves.TransferAsync(Scope, id, new TransferInput(to, Transfer.TransferredOn, Transfer.Reason), ct);
        if (outcome.Refusal is { } refusal) return Refused(refusal, "Transfer");
        Flash = $"已转接至 {outcome.Value!.OrganizationName}";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostStatusAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        var on = StatusChange.LeftOn ?? Shanghai.Today(clock);
        var outcome = await moves.SetStatusAsync(Scope, id, new LeaveInput(StatusChange.Status, on, StatusChange.Reason), ct);
        if (outcome.Refusal is { } refusal) return Refused(refusal, "StatusChange");
        Flash = $"状态已改为：{outcome.Value!.Status.ToChinese()}";
        return RedirectToPage(new { id });
    }

    /// <summary>解除微信绑定 (a lost or changed phone): the member's sessions end at once.</summary>
    public async Task<IActionResult> OnPostUnbindAsync(long id, string? reason, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        var outcome = await bindings.UnbindAsync(Scope, id, reason, ct);
        if (outcome.Refusal is { } refusal) return Refused(refusal, "");
        Flash = outcome.Value > 0 ? "已解除微信绑定" : "该党员没有绑定微信";
        return RedirectToPage(new { id });
    }

    /// <summary>A one-person code to bind a new WeChat account, shown once on the page.</summary>
    public async Task<IActionResult> OnPostRebindCodeAsync(long id, string? reason, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        var outcome = await bindings.IssueRebindCodeAsync(Scope, id, reason, ct);
        if (outcome.Refusal is { } refusal) return Refused(refusal, "");
        RebindCode = outcome.Value;
        return Page();
    }

    public RebindCode? RebindCode { get; private set; }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var found = await roster.GetAsync(Scope, id, ct);
        if (found.Refusal is { } refusal) return Refused(refusal);
        Detail = found.Value!;
        Targets = OrganizationOptions.Of(await tree.ListAsync(Scope, ct),
            o => OrganizationOptions.HoldsMembers(o) && o.Id != Detail.Member.OrganizationId);
        return null;
    }
}
