using System.Globalization;
using System.Threading.RateLimiting;
using Learn.Core.Auth;
using Learn.Core.Contests;
using Learn.Core.Contests.Boards;
using Microsoft.Extensions.Options;

namespace Learn.Api.Contests;

public static class ContestsApiRegistration
{
    public static IServiceCollection AddContestsApi(this IServiceCollection services)
    {
        services.AddContests();
        services.AddOptions<ContestOptions>().BindConfiguration(ContestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Participation>();
        services.AddScoped<AttemptFlow>();
        services.AddScoped<LiveFlow>();
        services.AddSingleton<AnswerBatch>();
        services.AddSingleton<AnswerWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AnswerWriter>());

        // Per-member token bucket on answers. Kept per instance on purpose: it throttles abuse, it is not a
        // record of anything (the durable rule "one answer per question" is enforced by the database).
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(ContestsApi.AnswerRateLimit, http =>
            {
                var perSecond = http.RequestServices.GetRequiredService<IOptions<ContestOptions>>().Value.AnswersPerSecondPerMember;
                var member = http.User.MemberIdOf()?.ToString(CultureInfo.InvariantCulture) ?? "anonymous";
                return RateLimitPartition.GetTokenBucketLimiter(member, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perSecond * 2, TokensPerPeriod = perSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0, AutoReplenishment = true,
                });
            });
        });
        return services;
    }

    /// <summary><c>rebuild-boards</c>: rebuilds every open contest's boards from the database, then exits.</summary>
    public static async Task<bool> TryRunContestCommandAsync(this WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != "rebuild-boards") return false;
        app.Services.GetService<IStartupValidator>()?.Validate();
        var count = await app.Services.GetRequiredService<BoardRebuilder>().RebuildOpenContestsAsync();
        Console.WriteLine($"已从数据库重建 {count} 个比赛的榜单。");
        return true;
    }
}
