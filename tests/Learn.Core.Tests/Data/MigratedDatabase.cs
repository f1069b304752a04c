using Learn.Core.Data;
using Learn.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Learn.Core.Tests.Data;

/// <summary>An empty database of either provider, and contexts over it.</summary>
public sealed class EmptyDatabase : IAsyncDisposable
{
    private readonly PostgresTestDatabase? _postgres;
    private readonly string? _sqliteFile;

    private EmptyDatabase(DatabaseProvider provider, string connectionString, PostgresTestDatabase? postgres, string? sqliteFile)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _postgres = postgres;
        _sqliteFile = sqliteFile;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public static async Task<EmptyDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var pg = await PostgresTestDatabase.CreateAsync();
            return new EmptyDatabase(provider, pg.ConnectionString, pg, null);
        }
        var file = Path.Combine(Path.GetTempPath(), $"learn-test-{Guid.NewGuid():N}.db");
        return new EmptyDatabase(provider, $"Data Source={file}", null, file);
    }

    public LearnDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<LearnDbContext>();
        DatabaseRegistration.Configure(options, Provider, ConnectionString);
        return new LearnDbContext(options.Options);
    }

    public async Task MigrateAsync(string? target = null)
    {
        await using var db = NewContext();
        await DatabaseMigrator.MigrateAsync(db, NullLogger.Instance, target);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null) await _postgres.DisposeAsync();
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
                File.Delete(f);
        }
    }
}
