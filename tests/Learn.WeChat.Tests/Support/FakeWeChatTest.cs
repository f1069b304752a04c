using FakeWeChat;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.WeChat.Tests.Support;

/// <summary>
/// A test class that talks to one fresh fake WeChat server through one library host, with its own
/// Redis key prefix so cached tokens never leak between classes.
/// </summary>
public abstract class FakeWeChatTest : IAsyncLifetime
{
    private ServiceProvider _host = null!;

    protected FakeWeChatServer Fake { get; private set; } = null!;

    protected string RedisPrefix { get; }

    protected FakeWeChatTest() => RedisPrefix = TestRedis.NewPrefix(GetType().Name);

    protected T Service<T>() where T : notnull => _host.GetRequiredService<T>();

    public virtual async Task InitializeAsync()
    {
        Fake = await FakeWeChatServer.StartAsync();
        _host = WeChatHost.Create(Fake, RedisPrefix);
    }

    public virtual async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
