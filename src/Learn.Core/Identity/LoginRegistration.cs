using Learn.Core.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Core.Identity;

public static class LoginRegistration
{
    /// <summary>Mini Program login, refresh, binding (also from the Official Account's page) and the member card (needs AddLearnWeChat and AddLearnMemberAuth).</summary>
    public static IServiceCollection AddLearnMemberLogin(this IServiceCollection services)
    {
        services.AddScoped<LoginSessions>();
        services.AddScoped<WeChatLogin>();
        services.AddScoped<IdentityLinks>();
        services.AddScoped<MemberBinding>();
        services.AddScoped<RosterMatching>();
        services.AddScoped<OfficialAccountLinking>();
        services.AddSingleton<OfficialAccountLinkCodes>();
        services.AddScoped<MemberCard>();
        services.AddSingleton<BindAttempts>();
        return services;
    }
}
