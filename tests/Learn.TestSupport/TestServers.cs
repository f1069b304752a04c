namespace Learn.TestSupport;

/// <summary>
/// Addresses of the real servers the tests run against. <c>./learn.sh test</c> starts throw-away
/// ones and exports these variables; a test run without them fails loudly instead of skipping.
/// </summary>
public static class TestServers
{
    public static string Postgres => Require("LEARN_TEST_POSTGRES");
    public static string Redis => Require("LEARN_TEST_REDIS");

    /// <summary>The 3-node Redis Cluster (scripts/test-services.sh): its nodes as one StackExchange.Redis connection string.</summary>
    public static string RedisCluster => Require("LEARN_TEST_REDIS_CLUSTER");

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests with ./learn.sh test (or `scripts/test-services.sh start && source .test-run/env`).");
}
