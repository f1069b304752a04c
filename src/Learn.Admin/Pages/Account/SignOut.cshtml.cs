using Learn.Admin.Hosting;
using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Organizers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Learn.Admin.Pages.Account;

/// <summary>Revokes the organiser session (so the cookie is dead on every instance) and drops the cookie.</summary>
public sealed class SignOutModel(OrganizerSignIn signIn, Auditor auditor, LearnDbContext db) : AdminPageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        auditor.Record(Scope.Actor(HttpContext.Connection.RemoteIpAddress?.ToString()), "organizer.sign-out",
            nameof(OrganizerAccount), Scope.AccountId, organizationPath: Scope.RootPath);
        await db.SaveChangesAsync(ct);
        await signIn.SignOutAsync(HttpContext.OrganizerSessionId(), ct);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/Account/SignIn");
    }
}
