extern alias LearnJobs;

using Microsoft.AspNetCore.Hosting;

namespace Learn.Admin.Tests.Support;

/// <summary>
/// Learn.Jobs (the real Hangfire server on PostgreSQL storage) on the admin site's database and clock: what a
/// 立即执行 pressed in the browser reaches. WeChat is the fake server.
/// </summary>
public sealed class JobsHostFactory(AdminFactory site) : SiblingHostFactory<LearnJobs::Program>(site)
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        foreach (var (key, value) in WeChatTemplates.Settings()) settings[key] = value;
        settings["Jobs:RunRequests:PollInterval"] = "00:00:00.200";
        settings["Jobs:Scheduler:QueuePollInterval"] = "00:00:00.200";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        // The storage provider is chosen while the host is built, before app configuration applies.
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        base.ConfigureWebHost(builder);
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
        _ = Jobs.Server; // starts the host, and with it the Hangfire server
    }

    public override async Task DisposeAsync()
    {
        await Jobs.DisposeAsync();
        await base.DisposeAsync();
    }
}
