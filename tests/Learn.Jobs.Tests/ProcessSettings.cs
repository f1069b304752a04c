using System.Security.Cryptography;
using FakeWeChat;
using Learn.TestSupport;

namespace Learn.Jobs.Tests;

/// <summary>Settings a child Learn.Jobs process needs to run against the test database, Redis and fake WeChat.</summary>
public static class ProcessSettings
{
    public static Dictionary<string, string?> For(string connectionString, FakeWeChatServer wechat, string redisPrefix, int port)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Test",
            ["Urls"] = $"http://127.0.0.1:{port}",
            // Several nodes run at once: each its own /metrics port, never the default 5182.
            ["Management:Urls"] = $"http://127.0.0.1:{JobsProcess.FreePort()}",
            ["Database:Provider"] = "Postgres",
            ["Database:MigrateOnStart"] = "true",
            ["ConnectionStrings:Learn"] = connectionString,
            ["ConnectionStrings:Redis"] = TestServers.Redis,
            ["Redis:KeyPrefix"] = redisPrefix,
            ["Security:PersonalDataKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Learn.Jobs.Scheduling.JobRunRecorder"] = "Information",
            ["Notifications:Dispatcher:PollInterval"] = "00:00:00.100",
            ["Jobs:Scheduler:SchedulePollingInterval"] = "00:00:01",
            ["Jobs:Scheduler:QueuePollInterval"] = "00:00:00.200",
        };
        foreach (var (k, v) in wechat.Configuration()) settings[k] = v;
        foreach (var (k, v) in TestTemplates.Settings()) settings[k] = v;
        return settings;
    }
}
