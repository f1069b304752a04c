using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Core.Data;

public static class DatabaseRegistration
{
    /// <summary>
    /// Registers <see cref="LearnDbContext"/> on the provider named by <c>Database:Provider</c>.
    /// The model is provider-neutral: adding SQL Server is one more case here.
    /// </summary>
    public static IServiceCollection AddLearnDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ConnectionStringOptions>()
            .Configure(o => o.Learn = configuration.GetConnectionString("Learn"))
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddDbContextPool<LearnDbContext>(options => Configure(options, configuration));
        services.AddPooledDbContextFactory<LearnDbContext>(options => Configure(options, configuration));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, IConfiguration configuration)
    {
        var provider = configuration.GetValue<DatabaseProvider?>($"{DatabaseOptions.Section}:Provider");
        var connectionString = configuration.GetConnectionString("Learn") ?? "";
        Configure(options, provider ?? DatabaseProvider.Sqlite, connectionString);
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                options.UseNpgsql(WithAutoPrepare(connectionString), o => o.MigrationsHistoryTable("__ef_migrations_history"));
                break;
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString, o => o.MigrationsHistoryTable("__ef_migrations_history"));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{provider}' is not supported.");
        }
        // Our migrations are written by hand (no EF design tools here, see docs/decisions/0002),
        // so there is no model snapshot to compare with; MigrationSchemaTests checks the schema instead.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>
    /// Npgsql prepares a statement on a pooled connection once it has run twice there, so PostgreSQL parses and plans
    /// EF's parameterised queries once per connection instead of once per request (docs/decisions/0310). An operator's
    /// own <c>Max Auto Prepare</c> in the connection string wins (e.g. 0 behind a transaction-mode pooler).
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        if (connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) return connectionString;
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = AutoPrepared, AutoPrepareMinUsages = 2 };
        return builder.ConnectionString;
    }

    /// <summary>Statements kept prepared per connection: the hot paths use a few dozen distinct queries.</summary>
    public const int AutoPrepared = 128;
}

/// <summary>Validates that <c>ConnectionStrings:Learn</c> is present.</summary>
public sealed class ConnectionStringOptions
{
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "ConnectionStrings:Learn is required.")]
    public string? Learn { get; set; }
}
