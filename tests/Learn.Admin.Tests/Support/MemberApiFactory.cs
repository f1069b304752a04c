extern alias LearnApi;

using FakeWeChat;
using Learn.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Learn.Admin.Tests.Support;

/// <summary>
/// Learn.Api (what members' phones talk to) over the admin site's database, Redis prefix, keys and
/// clock: the two hosts of one deployment. Members answer through it; the admin site sees the result.
/// </summary>
public sealed class MemberApiFactory(AdminFactory site) : LearnWebFactory<LearnApi::Program>
{
    private FakeWeChatServer? _weChat;

    protected override async Task StartDependenciesAsync(IDictionary<string, string?> settings)
    {
        _weChat = await FakeWeChatServer.StartAsync();
        foreach (var (key, value) in _weChat.Configuration()) settings[key] = value;
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        var config = site.Services.GetRequiredService<IConfiguration>();
        foreach (var key in new[] { "ConnectionStrings:Learn", "Redis:KeyPrefix", "Auth:SigningKey", "Security:PersonalDataKey" })
            settings[key] = config[key];
        settings["Database:MigrateOnStart"] = "false";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(site.Clock);
        });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_weChat is not null) await _weChat.DisposeAsync();
    }
}

/// <summary>The admin site, Chromium, and Learn.Api beside them on the same data.</summary>
public sealed class AdminWithApi : AdminBrowser
{
    public MemberApiFactory Api { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Api = new MemberApiFactory(Site);
        await Api.InitializeAsync();
        _ = Api.Server; // start it now, not inside the first test's timing
    }

    public override async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await base.DisposeAsync();
    }
}
