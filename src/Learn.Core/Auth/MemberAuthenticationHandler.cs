using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learn.Core.Auth;

/// <summary>Reads <c>Authorization: Bearer …</c> access tokens issued by <see cref="AccessTokens"/>.</summary>
public sealed class MemberAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokens tokens,
    SessionRevocations revocations)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();

        var payload = tokens.Read(header["Bearer ".Length..].Trim());
        if (payload is null) return AuthenticateResult.Fail("invalid or expired token");
        if (await revocations.IsRevokedAsync(payload.SessionId)) return AuthenticateResult.Fail("session revoked");

        var claims = new List<Claim>
        {
            new(MemberClaims.IdentityId, payload.IdentityId.ToString(CultureInfo.InvariantCulture)),
            new(MemberClaims.SessionId, payload.SessionId),
        };
        if (payload.MemberId is { } mid) claims.Add(new(MemberClaims.MemberId, mid.ToString(CultureInfo.InvariantCulture)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, MemberClaims.Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, MemberClaims.Scheme));
    }
}
