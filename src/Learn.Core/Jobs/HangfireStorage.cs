using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Learn.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Core.Jobs;

/// <summary>
/// Where Hangfire keeps its jobs, for every process that touches them: Learn.Jobs (the server) and the admin site
/// (the 任务 page and the dashboard, a client only). PostgreSQL in production, in its own <c>hangfire</c> schema;
/// on the embedded default a SQLite file beside the database, which only one server may use (docs/decisions/0403).
/// </summary>
public static class HangfireStorage
{
    public const string Schema = "hangfire";

    /// <summary>
    /// Hangfire's client services on this host's own <see cref="JobStorage"/>. The storage is a DI singleton, not
    /// <c>JobStorage.Current</c>, so two hosts in one process (the tests) never share or swap one.
    /// </summary>
    public static IServiceCollection AddLearnHangfireStorage(this IServiceCollection services)
    {
        services.AddSingleton<JobStorage>(sp => Create(sp.GetRequiredService<IConfiguration>()));
        services.AddHangfire((sp, c) => c.UseLogProvider(new HangfireLogs(sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        return services;
    }

    public static JobStorage Create(IConfiguration configuration) => Create(
        configuration.GetValue<DatabaseProvider?>($"{DatabaseOptions.Section}:Provider") ?? DatabaseProvider.Sqlite,
        configuration.GetConnectionString("Learn") ?? "",
        configuration.GetSection($"{JobsOptions.Section}:Scheduler").Get<SchedulerSettings>() ?? new SchedulerSettings());

    public static JobStorage Create(DatabaseProvider provider, string connectionString, SchedulerSettings settings) => provider switch
    {
        DatabaseProvider.Postgres => Postgres(connectionString, new PostgreSqlStorageOptions
        {
            SchemaName = Schema,
            PrepareSchemaIfNecessary = true,
            // A live job keeps its claim fresh, so a short timeout only matters for a killed node's job.
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = settings.InvisibilityTimeout,
            DistributedLockTimeout = settings.DistributedLockTimeout,
            QueuePollInterval = settings.QueuePollInterval,
        }),
        _ => new SQLiteStorage(SqliteFile(connectionString), new SQLiteStorageOptions
        {
            QueuePollInterval = settings.QueuePollInterval,
            InvisibilityTimeout = settings.InvisibilityTimeout,
            DistributedLockLifetime = settings.DistributedLockTimeout,
        }),
    };

    private static PostgreSqlStorage Postgres(string connectionString, PostgreSqlStorageOptions options) =>
        new(new NpgsqlConnectionFactory(connectionString, options), options);

    /// <summary>The embedded default's Hangfire file: <c>learn.db</c> → <c>learn.hangfire.db</c>, beside it.</summary>
    public static string SqliteFile(string learnConnectionString)
    {
        var file = new SqliteConnectionStringBuilder(learnConnectionString).DataSource;
        if (string.IsNullOrEmpty(file)) file = "learn.db";
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, Path.GetFileNameWithoutExtension(file) + ".hangfire.db");
    }
}
