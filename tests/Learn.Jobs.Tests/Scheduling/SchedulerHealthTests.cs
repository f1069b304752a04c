using System.Net;
using System.Text.Json;

namespace Learn.Jobs.Tests.Scheduling;

public class SchedulerHealthTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    [Fact]
    public async Task Readiness_includes_the_running_scheduler()
    {
        await factory.SchedulerAsync(); // started with the host
        var response = await factory.CreateClient().GetAsync("/health/ready");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var checks = (await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync())).RootElement.GetProperty("checks");
        checks.GetProperty("quartz-scheduler").GetProperty("status").GetString().ShouldBe("Healthy");
        checks.GetProperty("database").GetProperty("status").GetString().ShouldBe("Healthy");
    }
}
