using Learn.Core.Invitations;
using Learn.Core.Members;
using Learn.Core.Members.Roster;
using Learn.Core.Organizations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Core.Organizers;

public static class OrganizerRegistration
{
    /// <summary>The organisation tree, roster and organiser services shared by Learn.Api and Learn.Admin.</summary>
    public static IServiceCollection AddLearnRoster(this IServiceCollection services)
    {
        services.AddScoped<OrganizationTree>();
        services.AddScoped<OrganizationMove>();
        services.AddScoped<MemberRoster>();
        services.AddScoped<MemberMoves>();
        services.AddScoped<MemberSearch>();
        services.AddScoped<MemberBindings>();
        services.AddScoped<RosterImport>();
        services.AddScoped<RosterExport>();
        services.AddScoped<InvitationCodes>();
        services.AddScoped<OrganizerSignIn>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<OrganizerAccounts>();
        services.AddScoped<OrganizerAccountChanges>();
        return services;
    }

    /// <summary>Organiser bearer tokens (the organiser API) and the <c>organizer</c> policy.</summary>
    public static IServiceCollection AddLearnOrganizerAuth(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, OrganizerAuthenticationHandler>(OrganizerClaims.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(OrganizerClaims.Policy, p => p.AddAuthenticationSchemes(OrganizerClaims.Scheme).RequireClaim(OrganizerClaims.AccountId));
        return services;
    }
}
