using Microsoft.Extensions.Options;
using Learn.Core.Contests;
using Learn.Core.Contests.Boards;

namespace Learn.Api.Contests;

public static class ContestsApiRegistration
{
    public static IServiceCollection AddContestsApi(this IServiceCollection services)
    {
        services.AddContests();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AnswerJson.Default));
        services.AddOptions<ContestOptions>().BindConfiguration(ContestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Participation>();
        services.AddScoped<ContestReaders>();
        services.AddSingleton<ContestReaders.Remembering>();
        services.AddScoped<AttemptFlow>();
        services.AddScoped<LiveFlow>();
        services.AddSingleton<AnswerRateLimit>();
        services.AddSingleton<AnswerTickets>();
        services.AddSingleton<AnswerBatch>();
        services.AddSingleton<BoardCatchUp>();
        services.AddHostedService(sp => sp.GetRequiredService<BoardCatchUp>());
        services.AddSingleton<AnswerWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AnswerWriter>());
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
