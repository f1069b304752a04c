using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Learn.Core.Data;

/// <summary>
/// Applies the hand-written migrations in <c>Data/Migrations</c> (forward only). EF takes a
/// database lock while migrating, so several instances starting at once are safe.
/// </summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(IServiceProvider services, string? targetMigration = null, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearnDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Learn.Migrations");
        await MigrateAsync(db, logger, targetMigration, ct);
    }

    public static async Task MigrateAsync(LearnDbContext db, ILogger logger, string? targetMigration = null, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite())
        {
            // Three processes share the embedded SQLite file: WAL lets readers and one writer overlap.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        logger.LogInformation("Applying {Count} pending migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        await db.GetService<IMigrator>().MigrateAsync(targetMigration, ct);
    }

    /// <summary>Every migration id this build knows, oldest first.</summary>
    public static IReadOnlyList<string> AllMigrations(LearnDbContext db) => db.Database.GetMigrations().ToList();
}
