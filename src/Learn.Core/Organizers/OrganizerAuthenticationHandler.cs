using System.Security.Claims;
using System.Text.Encodings.Web;
using Learn.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learn.Core.Organizers;

/// <summary>
/// Reads organiser bearer tokens (<c>Authorization: Bearer …</c>) issued by <see cref="OrganizerSignIn"/>.
/// One indexed lookup per request: organiser traffic is small, and it makes sign-out, deactivation
/// and a moved branch take effect on the next request on every instance.
/// </summary>
public sealed class OrganizerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    LearnDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var hash = OrganizerSignIn.HashToken(header["Bearer ".Length..].Trim());
        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.Set<OrganizerSession>().AsNoTracking()
            .Where(s => s.TokenHash == hash && s.RevokedAt == null && s.ExpiresAt > now)
            .Join(db.OrganizerAccounts.Where(a => a.IsActive), s => s.AccountId, a => a.Id,
                (s, a) => new { SessionId = s.Id, a.Id, a.DisplayName, a.Role, a.OrganizationId, Path = a.Organization == null ? null : a.Organization.Path })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (row is null) return AuthenticateResult.Fail("invalid, expired or revoked organiser token");
        var scope = new OrganizerScope(row.Id, row.DisplayName, row.Role, row.OrganizationId, row.Path);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(OrganizerClaims.For(scope, row.SessionId), OrganizerClaims.Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, OrganizerClaims.Scheme));
    }
}
