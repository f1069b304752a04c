using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Core.Auth;

public static class MemberAuthRegistration
{
    /// <summary>Bearer access tokens for the Mini Program, and the <c>identity</c> / <c>member</c> policies.</summary>
    public static IServiceCollection AddLearnMemberAuth(this IServiceCollection services)
    {
        services.AddOptions<MemberTokenOptions>().BindConfiguration(MemberTokenOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddMemoryCache();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<SessionRevocations>();
        services.AddAuthentication(MemberClaims.Scheme)
            .AddScheme<AuthenticationSchemeOptions, MemberAuthenticationHandler>(MemberClaims.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(MemberClaims.IdentityPolicy, p => p.AddAuthenticationSchemes(MemberClaims.Scheme).RequireAuthenticatedUser())
            .AddPolicy(MemberClaims.MemberPolicy, p => p.AddAuthenticationSchemes(MemberClaims.Scheme).RequireClaim(MemberClaims.MemberId));
        return services;
    }
}
