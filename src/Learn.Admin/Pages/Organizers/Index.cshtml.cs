using Learn.Core.Organizers;
using Microsoft.AspNetCore.Mvc;

namespace Learn.Admin.Pages.Organizers;

/// <summary>组织者账号: the accounts in the organiser's subtree; disable (sessions end at once) and re-enable.</summary>
public sealed class IndexModel(OrganizerAccountChanges accounts) : ManagerPageModel
{
    public IReadOnlyList<OrganizerAccountRow> Accounts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Accounts = await accounts.ListAsync(Scope, ct);

    public async Task<IActionResult> OnPostDisableAsync(long id, CancellationToken ct) =>
        Done(await accounts.DisableAsync(Scope, id, ct), "已停用账号 {0}，其登录已全部失效");

    public async Task<IActionResult> OnPostEnableAsync(long id, CancellationToken ct) =>
        Done(await accounts.EnableAsync(Scope, id, ct), "已启用账号 {0}");

    private IActionResult Done(Outcome<OrganizerAccountView> outcome, string message)
    {
        switch (outcome.Refusal?.Status)
        {
            case StatusCodes.Status404NotFound: return NotFound();
            case StatusCodes.Status403Forbidden: return StatusCode(StatusCodes.Status403Forbidden);
        }
        Flash = outcome.Refusal is { } refusal ? refusal.Title : string.Format(System.Globalization.CultureInfo.InvariantCulture, message, outcome.Value!.UserName);
        return RedirectToPage();
    }
}
