using Learn.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Learn.Jobs.Tests;

/// <summary>The embedded default's database for one test: a migrated SQLite file, deleted afterwards.</summary>
public abstract class SqliteTest : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"learn-jobs-{Guid.NewGuid():N}.db");

    protected string ConnectionString => $"Data Source={_file};Default Timeout=30";

    protected LearnDbContext Db()
    {
        var options = new DbContextOptionsBuilder<LearnDbContext>();
        DatabaseRegistration.Configure(options, DatabaseProvider.Sqlite, ConnectionString);
        return new LearnDbContext(options.Options);
    }

    public async Task InitializeAsync()
    {
        await using var db = Db();
        await DatabaseMigrator.MigrateAsync(db, NullLogger.Instance);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        var hangfire = Learn.Core.Jobs.HangfireStorage.SqliteFile(ConnectionString); // Learn.Jobs' Hangfire file beside it
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm", hangfire, hangfire + "-wal", hangfire + "-shm", hangfire + ".server-lock" }) File.Delete(f);
        return Task.CompletedTask;
    }
}
