using Learn.TestSupport;
using FakeWeChat;

namespace Learn.Api.Tests;

/// <summary>
/// Learn.Api in-process against a fresh PostgreSQL database, the test Redis, and its own
/// <see cref="FakeWeChatServer"/> (every outbound WeChat call of the app lands there).
/// </summary>
public class ApiFactory : LearnWebFactory<Program>
{
    private FakeWeChatServer? _weChat;

    public FakeWeChatServer WeChat => _weChat ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected override async Task StartDependenciesAsync(IDictionary<string, string?> settings)
    {
        _weChat = await FakeWeChatServer.StartAsync();
        foreach (var (key, value) in _weChat.Configuration()) settings[key] = value;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_weChat is not null) await _weChat.DisposeAsync();
    }
}
