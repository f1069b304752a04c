using System.Net;
using Learn.Admin.Hosting;
using Learn.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Admin.Tests.Support;

/// <summary>
/// Learn.Admin on a real Kestrel port (a browser cannot reach the in-memory test server), against a
/// fresh PostgreSQL database and the test Redis. Built with <paramref name="shareWith"/>, it is a
/// second instance of the site on the first one's database and Redis prefix.
/// </summary>
public class AdminFactory(AdminFactory? shareWith = null) : LearnWebFactory<AdminSite>
{
    public Uri Address { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.First());
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        foreach (var (key, value) in WeChatTemplates.Settings()) settings[key] = value;
        if (shareWith is null) return;
        settings["ConnectionStrings:Learn"] = shareWith.DatabaseConnectionString;
        settings["Redis:KeyPrefix"] = shareWith.RedisKeyPrefix;
        settings["Security:PersonalDataKey"] = shareWith.PersonalDataKey;
    }

    public string? PersonalDataKey => Settings.GetValueOrDefault("Security:PersonalDataKey");
}
