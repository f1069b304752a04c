using FakeWeChat;
using Learn.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Learn.Admin.Tests.Support;

/// <summary>
/// Another host of the same deployment beside the admin site (Learn.Api, Learn.Jobs): its database, Redis
/// prefix, keys and clock are the site's; WeChat is a fake server of its own. The site has migrated already.
/// </summary>
public abstract class SiblingHostFactory<TProgram>(AdminFactory site) : LearnWebFactory<TProgram> where TProgram : class
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
