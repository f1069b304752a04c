using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Learn.Api.Tests.Contests;

/// <summary>
/// Another Learn.Api instance over the same database, the same Redis (server or cluster) and key prefix and the same
/// signing key as <paramref name="first"/>: what two servers behind a load balancer share.
/// </summary>
public sealed class SecondInstance(ApiFactory first) : ApiFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        var config = first.Services.GetRequiredService<IConfiguration>();
        foreach (var key in new[] { "ConnectionStrings:Learn", "ConnectionStrings:Redis", "Redis:KeyPrefix", "Auth:SigningKey", "Security:PersonalDataKey", "Contests:AnswersPerSecondPerMember" })
            if (config[key] is { } value) settings[key] = value;
        settings["Database:MigrateOnStart"] = "false";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // One clock for both instances, as real servers share the wall clock.
        builder.ConfigureServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(first.Clock);
        });
    }
}
