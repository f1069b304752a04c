extern alias LearnJobs;

using FakeWeChat;
using Learn.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Learn.Admin.Tests.Support;

/// <summary>
/// Learn.Jobs (the real Quartz scheduler, clustered store) on the admin site's database and clock: what a
/// 立即执行 pressed in the browser reaches. WeChat is the fake server.
/// </summary>
public sealed class JobsHostFactory(AdminFactory site) : LearnWebFactory<LearnJobs::Program>
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
        foreach (var (key, value) in WeChatTemplates.Settings()) settings[key] = value;
        settings["Database:MigrateOnStart"] = "false";
        settings["Jobs:RunRequests:PollInterval"] = "00:00:00.200";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        // The scheduler's store is chosen while the host is built, before app configuration applies.
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
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

/// <summary>The admin site, Chromium, and Learn.Jobs beside them on the same data.</summary>
public sealed class AdminWithJobs : AdminBrowser
{
    public JobsHostFactory Jobs { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Jobs = new JobsHostFactory(Site);
        await Jobs.InitializeAsync();
        _ = Jobs.Server; // starts the host, and with it the scheduler
    }

    public override async Task DisposeAsync()
    {
        await Jobs.DisposeAsync();
        await base.DisposeAsync();
    }
}
