using System.Diagnostics;
using Learn.Core.Redis;
using Learn.Jobs.Notifications;
using Learn.TestSupport;
using Microsoft.Extensions.Options;

namespace Learn.Jobs.Tests.Notifications;

/// <summary>The limiter's counters live in Redis, so two limiters (two nodes) share one budget.</summary>
public class SendRateLimiterTests
{
    private static async Task<TimeSpan> NineSendsAsync(int globalPerSecond, int perTemplate, int nodes)
    {
        var prefix = "rl" + Guid.NewGuid().ToString("N")[..8] + ":";
        var stores = Enumerable.Range(0, nodes).Select(_ => new RedisStore(Options.Create(new RedisOptions { ConnectionString = TestServers.Redis, KeyPrefix = prefix }))).ToList();
        try
        {
            var options = Options.Create(new DispatcherOptions { GlobalPerSecond = globalPerSecond, DefaultPerTemplatePerSecond = perTemplate });
            var limiters = stores.Select(s => new SendRateLimiter(s, options)).ToList();
            await limiters[0].WaitAsync("warm-up", CancellationToken.None); // connect outside the measurement
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, 9).Select(i => limiters[i % nodes].WaitAsync("T", CancellationToken.None)));
            return watch.Elapsed;
        }
        finally
        {
            foreach (var s in stores) s.Dispose();
        }
    }

    [Fact]
    public async Task Nine_sends_under_a_global_limit_of_three_a_second_spread_over_more_than_a_second_even_across_two_nodes()
    {
        (await NineSendsAsync(globalPerSecond: 100, perTemplate: 100, nodes: 2)).ShouldBeLessThan(TimeSpan.FromSeconds(1));
        (await NineSendsAsync(globalPerSecond: 3, perTemplate: 100, nodes: 2)).ShouldBeGreaterThan(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_template_limit_holds_under_a_generous_global_limit() =>
        (await NineSendsAsync(globalPerSecond: 100, perTemplate: 3, nodes: 2)).ShouldBeGreaterThan(TimeSpan.FromSeconds(1));
}
