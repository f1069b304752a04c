using System.Net;
using System.Text.Json;

namespace Learn.Jobs.Tests.Scheduling;

public class SchedulerHealthTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    [Fact]
    public async Task Readiness_includes_the_running_scheduler()
    {
        // The hosted service starts the scheduler after the host; until then readiness is rightly Unhealthy.
        var scheduler = await factory.SchedulerAsync();
        for (var i = 0; i < 300 && scheduler.Status != Quartz.SchedulerStatus.Running; i++) await Task.Delay(100);
        var response = await factory.CreateClient().GetAsync("/health/ready");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var checks = (await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync())).RootElement.GetProperty("checks");
        checks.GetProperty("quartz-scheduler").GetProperty("status").GetString().ShouldBe("Healthy");
        checks.GetProperty("database").GetProperty("status").GetString().ShouldBe("Healthy");
    }
}
