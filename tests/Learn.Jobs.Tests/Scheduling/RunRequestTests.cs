using FakeWeChat;
using Learn.Core.Jobs;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Tests.Scheduling;

/// <summary>
/// 立即执行 on the embedded default: a run request row written as the admin site writes it makes a real Learn.Jobs
/// process (Hangfire on its SQLite file) run the job, and the run is recorded. PostgreSQL is covered by the admin's browser test.
/// </summary>
public sealed class RunRequestTests : SqliteTest
{
    [Fact]
    public async Task A_run_request_is_claimed_once_run_by_Hangfire_and_recorded_as_a_manual_run_and_a_second_server_is_refused()
    {
        await using var wechat = await FakeWeChatServer.StartAsync();
        var port = JobsProcess.FreePort();
        var settings = ProcessSettings.For(ConnectionString, wechat, "runs" + Guid.NewGuid().ToString("N")[..8] + ":", port);
        settings["Database:Provider"] = "Sqlite";
        settings["Jobs:RunRequests:PollInterval"] = "00:00:00.200";
        await using var process = JobsProcess.Start(settings);
        await process.WaitReadyAsync(port, TimeSpan.FromSeconds(90));

        long requestId;
        await using (var db = Db())
        {
            var request = new JobRunRequest
            {
                JobGroup = "learn", JobName = "term-reminders", RequestedAt = DateTime.UtcNow, RequestedByOrganizerId = 1, RequestedByName = "超级管理员",
            };
            db.Add(request);
            db.Add(new JobRunRequest { JobGroup = "learn", JobName = "no-such-job", RequestedAt = DateTime.UtcNow, RequestedByOrganizerId = 1, RequestedByName = "超级管理员" });
            await db.SaveChangesAsync();
            requestId = request.Id;
        }

        JobRun? run = null;
        var until = DateTime.UtcNow.AddSeconds(60);
        while (run is null && DateTime.UtcNow < until)
        {
            await Task.Delay(100); // polling for the other process's outcome
            await using var db = Db();
            run = await db.Set<JobRun>().SingleOrDefaultAsync(r => r.RequestId == requestId);
        }

        run.ShouldNotBeNull(string.Join('\n', process.Lines.TakeLast(30)));
        run.Job.ShouldBe("learn.term-reminders");
        run.Succeeded.ShouldBeTrue(run.Error);
        run.ScheduledFor.ShouldBeNull();
        await using var check = Db();
        var requests = await check.Set<JobRunRequest>().OrderBy(r => r.Id).ToListAsync();
        requests[0].ClaimedBy.ShouldStartWith("Hangfire #");
        requests[1].Error.ShouldBe("任务不存在");

        // SQLite's job fetch is atomic only inside one process: a second server on the same file must not start.
        var secondPort = JobsProcess.FreePort();
        var second = ProcessSettings.For(ConnectionString, wechat, "runs2:", secondPort);
        second["Database:Provider"] = "Sqlite";
        await using var refused = JobsProcess.Start(second);
        (await refused.WaitForExitAsync(TimeSpan.FromSeconds(90))).ShouldNotBe(0);
        refused.Output.ShouldContain("the SQLite storage allows one server only");
        process.HasExited.ShouldBeFalse("the first server keeps running");
    }
}
