using System.Security.Cryptography;
using Learn.TestSupport;

namespace Learn.Production.Tests;

/// <summary>
/// The settings an operator's environment file gives every host (docs: deploy/learn.env), pointed at the
/// test PostgreSQL database and Redis. Hosts built from one instance share keys, database and Redis prefix.
/// </summary>
public sealed class HostSettings(string connectionString)
{
    private readonly string _personalDataKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string RedisKeyPrefix { get; } = "p" + Guid.NewGuid().ToString("N")[..10] + ":";
    public string ConnectionString => connectionString;

    /// <summary>Extra settings every host gets (the fake WeChat's addresses, proxy settings…).</summary>
    public Dictionary<string, string?> Shared { get; } = new();

    public Dictionary<string, string?> For(int? port = null, int? managementPort = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Learn"] = connectionString,
            ["ConnectionStrings:Redis"] = TestServers.Redis,
            ["Redis:KeyPrefix"] = RedisKeyPrefix,
            ["Security:PersonalDataKey"] = _personalDataKey,
            ["Auth:SigningKey"] = _signingKey,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        };
        if (port is { } p) settings["Urls"] = $"http://127.0.0.1:{p}";
        // Never the defaults (5180–5182): several hosts and test runs share this machine.
        settings["Management:Urls"] = $"http://127.0.0.1:{managementPort ?? HostProcess.FreePort()}";
        foreach (var (k, v) in Shared) settings[k] = v;
        return settings;
    }
}
