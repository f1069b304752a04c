using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Learn.WeChat.Tests.Support;

/// <summary>
/// The real Redis the tests share, at <c>LEARN_TEST_REDIS</c> (e.g. 127.0.0.1:6390). Missing → the test
/// fails with instructions; it never skips. Each test class uses its own key prefix.
/// </summary>
public static class TestRedis
{
    private static readonly Lazy<ConnectionMultiplexer> Connection = new(() =>
    {
        var address = Environment.GetEnvironmentVariable("LEARN_TEST_REDIS");
        if (string.IsNullOrWhiteSpace(address))
            throw new InvalidOperationException(
                "LEARN_TEST_REDIS is not set. Start a Redis (redis-server --port 6390 --save '' --appendonly no --daemonize yes) " +
                "and run the tests with LEARN_TEST_REDIS=127.0.0.1:6390 (./learn.sh test does this).");
        return ConnectionMultiplexer.Connect(address + ",abortConnect=false,connectTimeout=5000,syncTimeout=5000");
    });

    /// <summary>A fresh prefix for one test class (unique per run, so leftovers never collide).</summary>
    public static string NewPrefix(string owner) => $"learn-test:{owner}:{Guid.NewGuid():N}:";

    /// <summary>Database 0 with every key under <paramref name="prefix"/>.</summary>
    public static IDatabase Database(string prefix) => Connection.Value.GetDatabase().WithKeyPrefix(prefix);
}
