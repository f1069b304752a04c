using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Learn.Core.Redis;

/// <summary>
/// The process's one Redis connection (StackExchange.Redis 3.x, docs/decisions/0007-stackexchange-redis-3.md). Features
/// use <see cref="Database"/>, whose keys all carry the configured prefix, behind their own small
/// types (boards, dedupe, locks) so the client can be swapped in one place.
/// </summary>
public sealed class RedisStore : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _connection;
    private readonly string _prefix;

    public RedisStore(IOptions<RedisOptions> options)
    {
        var o = options.Value;
        _prefix = o.KeyPrefix;
        _connection = new Lazy<ConnectionMultiplexer>(() =>
        {
            var config = ConfigurationOptions.Parse(o.ConnectionString!);
            config.AbortOnConnectFail = false; // keep retrying in the background; health says when it is down
            config.ConnectTimeout = 5000;
            config.SyncTimeout = 5000;
            // Redis back after an outage: reconnect within about a second, not the default's 2.5–10 s back-off
            // (ExponentialRetry(ConnectTimeout / 2)) plus a 1 s heartbeat — the boards catch up only once connected
            // (docs/decisions/0309-fast-board-rebuild.md). A retry is one refused connect; a slower connect is
            // still given 500–1000 ms before it is retried.
            config.ReconnectRetryPolicy = new ExponentialRetry(500, 1000);
            config.HeartbeatInterval = TimeSpan.FromMilliseconds(250);
            return ConnectionMultiplexer.Connect(config);
        });
    }

    public ConnectionMultiplexer Connection => _connection.Value;

    public string KeyPrefix => _prefix;

    /// <summary>Database 0 with every key prefixed by <see cref="RedisOptions.KeyPrefix"/>.</summary>
    public IDatabase Database => _connection.Value.GetDatabase().WithKeyPrefix(_prefix);

    /// <summary>Pub/sub channel names are not prefixed by WithKeyPrefix; use this.</summary>
    public RedisChannel Channel(string name) => new(_prefix + name, RedisChannel.PatternMode.Literal);

    public ISubscriber Subscriber => _connection.Value.GetSubscriber();

    public void Dispose()
    {
        if (_connection.IsValueCreated) _connection.Value.Dispose();
    }
}
