using System.Net;

namespace Learn.Api.Tests.Hosting;

public class ReadinessWithoutRedisTests(ReadinessWithoutRedisTests.NoRedisFactory factory)
    : IClassFixture<ReadinessWithoutRedisTests.NoRedisFactory>
{
    /// <summary>Redis pointed at a port where nothing listens.</summary>
    public sealed class NoRedisFactory : ApiFactory
    {
        protected override void ConfigureSettings(IDictionary<string, string?> settings) =>
            settings["ConnectionStrings:Redis"] = "127.0.0.1:1,connectTimeout=200,syncTimeout=200";
    }

    [Fact]
    public async Task Ready_reports_unhealthy_when_redis_is_unreachable_while_live_stays_up()
    {
        var client = factory.CreateClient();
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }
}
