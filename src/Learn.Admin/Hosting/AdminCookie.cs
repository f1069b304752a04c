using System.Globalization;
using System.Security.Claims;
using Learn.Core.Data;
using Learn.Core.Organizers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Hosting;

/// <summary>
/// The admin cookie carries only the account and its <see cref="OrganizerSession"/> id. Each request
/// checks the session (sign-out and expiry hold on every instance) and loads the scope afresh:
/// a branch moved elsewhere in the tree changes the path the organiser may see.
/// </summary>
public static class AdminCookie
{
    public static void Configure(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = "learn_admin";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.LoginPath = "/Account/SignIn";
        o.LogoutPath = "/Account/SignOut";
        o.ExpireTimeSpan = OrganizerSignIn.SessionLifetime;
        o.SlidingExpiration = false;
        o.Events.OnValidatePrincipal = ValidateAsync;
        // A role that may not use a page gets the 403 page, not a trip to the sign-in form.
        o.Events.OnRedirectToAccessDenied = c =>
        {
            c.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }

    public static ClaimsPrincipal Principal(OrganizerSignInResult result, long sessionId) =>
        new(new ClaimsIdentity(
        [
            new Claim(OrganizerClaims.AccountId, result.Scope.AccountId.ToString(CultureInfo.InvariantCulture)),
            new Claim(OrganizerClaims.SessionId, sessionId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, result.Scope.DisplayName),
        ], CookieAuthenticationDefaults.AuthenticationScheme));

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var user = context.Principal!;
        if (!long.TryParse(user.FindFirstValue(OrganizerClaims.AccountId), CultureInfo.InvariantCulture, out var accountId) ||
            !long.TryParse(user.FindFirstValue(OrganizerClaims.SessionId), CultureInfo.InvariantCulture, out var sessionId))
        {
            await RejectAsync(context);
            return;
        }
        var http = context.HttpContext;
        var db = http.RequestServices.GetRequiredService<LearnDbContext>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var live = await db.Set<OrganizerSession>().AnyAsync(
            s => s.Id == sessionId && s.AccountId == accountId && s.RevokedAt == null && s.ExpiresAt > now, http.RequestAborted);
        var scope = live ? await OrganizerScope.LoadAsync(db, accountId, http.RequestAborted) : null;
        if (scope is null)
        {
            await RejectAsync(context);
            return;
        }
        http.Items[typeof(OrganizerScope)] = scope;
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>The signed-in organiser's scope, loaded for this request by the cookie check.</summary>
    public static OrganizerScope GetOrganizerScope(this HttpContext context) =>
        context.Items[typeof(OrganizerScope)] as OrganizerScope
        ?? throw new InvalidOperationException("No signed-in organiser on this request.");

    public static long OrganizerSessionId(this HttpContext context) =>
        long.Parse(context.User.FindFirstValue(OrganizerClaims.SessionId)!, CultureInfo.InvariantCulture);
}
