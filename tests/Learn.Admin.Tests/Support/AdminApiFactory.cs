using FakeWeChat;
using Learn.Admin.Hosting;
using Learn.TestSupport;

namespace Learn.Admin.Tests.Support;

/// <summary>
/// Learn.Admin in-process (the test server, no browser) for the organiser API under <c>/api/admin</c>:
/// a fresh PostgreSQL database, the test Redis, and a fake WeChat for the calls unbinding makes.
/// </summary>
public class AdminApiFactory : LearnWebFactory<AdminSite>
{
    private FakeWeChatServer? _weChat;

    /// <summary>Where clients send requests: the in-memory server's nominal address, or a real port (<see cref="KestrelAdminApiFactory"/>).</summary>
    public virtual Uri BaseAddress => new("http://localhost");

    public FakeWeChatServer WeChat => _weChat ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected override async Task StartDependenciesAsync(IDictionary<string, string?> settings)
    {
        _weChat = await FakeWeChatServer.StartAsync();
        foreach (var (key, value) in _weChat.Configuration()) settings[key] = value;
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        foreach (var (key, value) in WeChatTemplates.Settings()) settings[key] = value;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_weChat is not null) await _weChat.DisposeAsync();
    }
}
