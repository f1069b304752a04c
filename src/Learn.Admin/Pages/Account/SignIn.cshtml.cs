using System.ComponentModel.DataAnnotations;
using Learn.Admin.Hosting;
using Learn.Core.Data;
using Learn.Core.Organizers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Account;

/// <summary>Password sign-in with <see cref="OrganizerSignIn"/> (lockout and audit live there), then the admin cookie.</summary>
public sealed class SignInModel(OrganizerSignIn signIn, LearnDbContext db) : PageModel
{
    public sealed class Form
    {
        [Required(ErrorMessage = "请输入用户名")]
        public string? UserName { get; set; }

        [Required(ErrorMessage = "请输入密码"), DataType(DataType.Password)]
        public string? Password { get; set; }
    }

    [BindProperty]
    public Form Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var outcome = await signIn.SignInAsync(Input.UserName, Input.Password, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        if (outcome.Refusal is { } refusal)
        {
            ModelState.AddModelError("", refusal.Title);
            return Page();
        }
        var result = outcome.Value!;
        var hash = OrganizerSignIn.HashToken(result.Token);
        var sessionId = await db.Set<OrganizerSession>().Where(s => s.TokenHash == hash).Select(s => s.Id).SingleAsync(ct);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AdminCookie.Principal(result, sessionId),
            new AuthenticationProperties { IsPersistent = false, ExpiresUtc = result.ExpiresAt });
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
