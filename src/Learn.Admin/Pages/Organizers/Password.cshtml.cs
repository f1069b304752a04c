using Learn.Core.Organizers;
using Microsoft.AspNetCore.Mvc;

namespace Learn.Admin.Pages.Organizers;

/// <summary>重设密码: a new password for an account in scope; its lockout is lifted and every session it had ends.</summary>
public sealed class PasswordModel(OrganizerAccountChanges accounts) : ManagerPageModel
{
    public sealed class Form
    {
        public string? Password { get; set; }
    }

    [BindProperty]
    public Form Input { get; set; } = new();

    public OrganizerAccountRow Account { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await FindAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is { } refused) return refused;
        var outcome = await accounts.ResetPasswordAsync(Scope, id, Input.Password, ct);
        if (outcome.Refusal is { } refusal) return Refused(refusal);
        Flash = $"已重设 {Account.UserName} 的密码，其原有登录已全部失效";
        return RedirectToPage("Index");
    }

    private async Task<IActionResult?> FindAsync(long id, CancellationToken ct)
    {
        var found = await accounts.FindAsync(Scope, id, ct);
        // Out of scope and one's own account (changed elsewhere) both look like no such account here.
        if (found.Refusal is { } refusal) return refusal.Status == StatusCodes.Status403Forbidden ? StatusCode(refusal.Status) : NotFound();
        Account = found.Value!;
        return null;
    }
}
