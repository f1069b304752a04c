using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Learn.Core.Demo;

/// <summary>
/// A part of the demo data (the tree and members, questions, articles, a contest). Each feature
/// adds its own seeder class; they run in <see cref="Order"/> once, the first time, in one run.
/// </summary>
public interface IDemoSeeder
{
    int Order { get; }
    Task SeedAsync(LearnDbContext db, IServiceProvider services, CancellationToken ct);
}

public static class DemoSeeding
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<LearnDbContext>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Learn.Demo");
        if (await db.Organizations.AnyAsync(ct))
        {
            logger.LogInformation("Demo data already present; nothing seeded.");
            return;
        }
        var seeders = typeof(DemoSeeding).Assembly.GetTypes()
            .Where(t => typeof(IDemoSeeder).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IDemoSeeder)ActivatorUtilities.CreateInstance(services, t))
            .OrderBy(s => s.Order);
        foreach (var seeder in seeders)
        {
            logger.LogInformation("Seeding {Seeder}", seeder.GetType().Name);
            await seeder.SeedAsync(db, services, ct);
        }
    }
}
