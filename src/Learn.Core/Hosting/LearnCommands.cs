using Learn.Core.Data;
using Learn.Core.Demo;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Learn.Core.Hosting;

/// <summary>
/// One-shot commands a host runs instead of serving: <c>migrate [--to MIGRATION]</c> and
/// <c>seed-demo</c>. <c>./learn.sh</c> calls them; production runs <c>migrate</c> before a rollout.
/// </summary>
public static class LearnCommands
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] is not ("migrate" or "seed-demo")) return false;
        app.Services.GetService<IStartupValidator>()?.Validate();
        switch (args[0])
        {
            case "migrate":
                var target = args.SkipWhile(a => a != "--to").Skip(1).FirstOrDefault();
                await DatabaseMigrator.MigrateAsync(app.Services, target);
                Console.WriteLine(target is null ? "数据库已迁移到最新版本。" : $"数据库已迁移到 {target}。");
                return true;
            case "seed-demo":
                var provider = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
                if (provider != DatabaseProvider.Sqlite)
                {
                    // The demo must never land in a real database.
                    Console.Error.WriteLine("seed-demo 只能在内置默认环境（SQLite）中运行。");
                    Environment.ExitCode = 2;
                    return true;
                }
                await DatabaseMigrator.MigrateAsync(app.Services);
                await using (var scope = app.Services.CreateAsyncScope())
                    await DemoSeeding.SeedAsync(scope.ServiceProvider);
                return true;
            default:
                return false;
        }
    }
}
