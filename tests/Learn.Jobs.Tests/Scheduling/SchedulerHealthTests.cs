using System.Net;
using System.Text.Json;

namespace Learn.Jobs.Tests.Scheduling;

public class SchedulerHealthTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    [Fact]
    public async Task Readiness_includes_this_nodes_running_Hangfire_server()
    {
        // The server announces itself shortly after the host starts; until then readiness is rightly Unhealthy.
        var client = factory.CreateClient();
        var response = await client.GetAsync("/health/ready");
        for (var i = 0; i < 300 && response.StatusCode != HttpStatusCode.OK; i++)
        {
            await Task.Delay(100);
            response = await client.GetAsync("/health/ready");
        }

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var checks = (await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync())).RootElement.GetProperty("checks");
        checks.GetProperty("hangfire").GetProperty("status").GetString().ShouldBe("Healthy");
        checks.GetProperty("database").GetProperty("status").GetString().ShouldBe("Healthy");
    }
}
