using Learn.Core.Contests.Boards;
using Learn.Core.Questions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Learn.Core.Contests;

public static class ContestsRegistration
{
    /// <summary>Question bank, contests, boards and the organiser-side services (Api and Admin share these).</summary>
    public static IServiceCollection AddContests(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.TryAddSingleton<ContestCaches>();
        services.TryAddSingleton<BoardRebuilder>();
        services.TryAddSingleton<TopSnapshots>();
        services.TryAddSingleton<ContestBoard>();
        services.TryAddSingleton<ContestLifecycle>();
        services.TryAddSingleton<BoardStream>();
        services.TryAddSingleton<LiveEvents>();
        services.TryAddScoped<QuestionImporter>();
        services.TryAddScoped<QuestionBank>();
        services.TryAddScoped<ContestAdmin>();
        services.TryAddScoped<QuestionReports>();
        services.TryAddScoped<ContestSchedule>();
        services.TryAddScoped<ContestWhitelist>();
        services.TryAddScoped<LiveHost>();
        return services;
    }
}
