using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Learn.Core.Identity;
using Learn.Core.Notifications;
using Learn.Core.Organizations;
using Learn.TestSupport;

namespace Learn.Production.Tests.Metrics;

/// <summary>
/// <c>/metrics</c> on real Learn.Api and Learn.Jobs processes: Prometheus text on <c>Management:Urls</c>, never on
/// the public port, and Learn's own counters move when an answer is stored and a notification is sent.
/// </summary>
public sealed partial class MetricsTests : IAsyncLifetime
{
    private readonly Deployment _deployment = new();

    public Task InitializeAsync() => _deployment.InitializeAsync();
    public Task DisposeAsync() => _deployment.DisposeAsync();

    [Fact]
    public async Task An_answer_moves_the_answer_counters_on_the_management_port_and_the_public_port_has_no_metrics()
    {
        var (contestId, members) = await _deployment.ContestAsync(members: 1);
        var token = await _deployment.MemberTokenAsync(members[0]);
        var (port, management) = (HostProcess.FreePort(), HostProcess.FreePort());
        await using var api = HostProcess.Start("Learn.Api", _deployment.HostEnvironment(port, management), null);
        await api.WaitReadyAsync(new Uri($"http://127.0.0.1:{port}"), TimeSpan.FromSeconds(120));
        using var scrape = Deployment.Client(new Uri($"http://127.0.0.1:{management}"));

        (await Counter(scrape, "learn_answers_stored_total")).ShouldBe(0);
        using var member = Deployment.Client(new Uri($"http://127.0.0.1:{port}"), token);
        var (answer, _, _) = await Deployment.AnswerNextAsync(member, contestId);
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());

        var text = await scrape.GetStringAsync("/metrics");
        (await Counter(scrape, "learn_answers_stored_total")).ShouldBe(1);
        text.ShouldContain("learn_answers_batch_size_");
        text.ShouldContain("learn_answers_commit_duration_seconds_bucket");
        text.ShouldContain("http_server_request_duration_seconds");   // ASP.NET Core instrumentation
        text.ShouldContain("dotnet_gc_");                             // the runtime's own meter

        // The public port does not know /metrics, whatever Host the request names; the management port serves nothing else.
        using var viaPublic = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/metrics");
        viaPublic.Headers.Host = $"127.0.0.1:{management}";
        (await member.SendAsync(viaPublic)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await scrape.GetAsync($"/api/contests/{contestId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_sent_notification_moves_the_outbox_counter_of_its_kind_on_Learn_Jobs()
    {
        await _deployment.WithDbAsync(async db =>
        {
            var org = await db.AddOrganizationAsync("指标测试党支部", OrganizationKind.Branch);
            var member = await db.AddMemberAsync(org, "张三");
            db.WeChatIdentities.Add(new WeChatIdentity
            {
                AppKind = WeChatAppKind.OfficialAccount, AppId = _deployment.WeChat.OfficialAccount.AppId, OpenId = "oa-metrics-1",
                MemberId = member.Id, Subscribed = true, CreatedAt = DateTime.UtcNow, LastSeenAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            await Outbox.CreateExplicitAsync(db, new CampaignSpec("metrics-test", "指标测试", "TestNotice", NotificationChannel.OfficialAccountTemplate),
                [new Recipient(member.Id, new Dictionary<string, string> { ["title"] = "学习提醒", ["content"] = "请按时参加学习" })],
                DateTime.UtcNow, CancellationToken.None);
        });
        var (port, management) = (HostProcess.FreePort(), HostProcess.FreePort());
        await using var jobs = HostProcess.Start("Learn.Jobs", _deployment.HostEnvironment(port, management), null);
        await jobs.WaitReadyAsync(new Uri($"http://127.0.0.1:{port}"), TimeSpan.FromSeconds(120));
        using var scrape = Deployment.Client(new Uri($"http://127.0.0.1:{management}"));

        var until = DateTime.UtcNow.AddSeconds(30);
        while (await Counter(scrape, "learn_outbox_sent_total", "kind=\"TestNotice\"") < 1)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException(await scrape.GetStringAsync("/metrics") + "\n" + jobs.Output);
            await Task.Delay(200);
        }
        (await Counter(scrape, "learn_outbox_pending", "kind=\"TestNotice\"")).ShouldBe(0);
        (await Deployment.Client(new Uri($"http://127.0.0.1:{port}")).GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>The value of a sample (summed over series matching <paramref name="labels"/>); 0 when absent.</summary>
    private static async Task<double> Counter(HttpClient scrape, string name, string labels = "")
    {
        var response = await scrape.GetAsync("/metrics");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var text = await response.Content.ReadAsStringAsync();
        return text.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(l => l.Contains(labels, StringComparison.Ordinal))
            .Sum(l => double.Parse(Sample().Match(l).Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"\}?\s([0-9.eE+-]+)(\s\d+)?$")]
    private static partial Regex Sample();
}
