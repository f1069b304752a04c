using System.Security.Cryptography;
using Learn.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit;

namespace Learn.TestSupport;

/// <summary>
/// Hosts one of our web apps in-process against a fresh PostgreSQL database, the test Redis
/// (with a key prefix of its own), and a <see cref="TestClock"/>. One per test class
/// (<c>IClassFixture</c>); derived factories add settings with <see cref="Settings"/>.
/// </summary>
public class LearnWebFactory<TEntryPoint> : WebApplicationFactory<TEntryPoint>, IAsyncLifetime
    where TEntryPoint : class
{
    private PostgresTestDatabase? _database;

    public TestClock Clock { get; } = new();

    /// <summary>Prefix of every Redis key this factory's app writes.</summary>
    public string RedisKeyPrefix { get; } = "t" + Guid.NewGuid().ToString("N")[..10] + ":";

    public string DatabaseConnectionString => _database?.ConnectionString
        ?? throw new InvalidOperationException("InitializeAsync has not run.");

    /// <summary>Configuration given to the app, as environment-style keys (Section:Key).</summary>
    protected Dictionary<string, string?> Settings { get; } = new();

    public virtual async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        Settings["Database:Provider"] = nameof(DatabaseProvider.Postgres);
        Settings["Database:MigrateOnStart"] = "true";
        Settings["ConnectionStrings:Learn"] = _database.ConnectionString;
        Settings["ConnectionStrings:Redis"] = TestServers.Redis;
        Settings["Redis:KeyPrefix"] = RedisKeyPrefix;
        // Tests keep their output for failures: only warnings and up, and no EF command echo.
        Settings["Logging:LogLevel:Default"] = "Warning";
        Settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "None";
        Settings["Security:PersonalDataKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Settings["Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await StartDependenciesAsync(Settings);
        ConfigureSettings(Settings);
    }

    /// <summary>Override to start servers the app talks to (e.g. the fake WeChat) and add their settings.</summary>
    protected virtual Task StartDependenciesAsync(IDictionary<string, string?> settings) => Task.CompletedTask;

    /// <summary>Override to add or change settings before the app starts.</summary>
    protected virtual void ConfigureSettings(IDictionary<string, string?> settings) { }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Added last, so these win over appsettings.json and environment variables.
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(Settings));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    /// <summary>A scope for arranging and asserting directly against the database.</summary>
    public async Task<T> WithDbAsync<T>(Func<LearnDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<LearnDbContext>());
    }

    public async Task WithDbAsync(Func<LearnDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<LearnDbContext>());
    }
}
