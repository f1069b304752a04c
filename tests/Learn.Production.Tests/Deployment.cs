using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FakeWeChat;
using Learn.Core.Auditing;
using Learn.Core.Auth;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Identity;
using Learn.Core.Invitations;
using Learn.Core.Organizations;
using Learn.Core.Questions;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Learn.Production.Tests;

/// <summary>
/// One deployment's shared state: a fresh PostgreSQL database, a Redis prefix, keys, and a fake WeChat.
/// Learn.Api in-process only arranges data through the product's own services (question bank, contest,
/// member tokens); the hosts under test run as child processes on the same settings (<see cref="HostEnvironment"/>).
/// </summary>
public sealed class Deployment : LearnWebFactory<Program>
{
    private FakeWeChatServer? _weChat;

    public FakeWeChatServer WeChat => _weChat ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected override async Task StartDependenciesAsync(IDictionary<string, string?> settings)
    {
        _weChat = await FakeWeChatServer.StartAsync();
        foreach (var (key, value) in _weChat.Configuration()) settings[key] = value;
        settings["Notifications:Templates:TestNotice:OfficialAccountTemplateId"] = "oa-notice-template-00000000000000000000005";
        settings["Notifications:Templates:TestNotice:OfficialAccountFields:title"] = "keyword1";
        settings["Notifications:Templates:TestNotice:OfficialAccountFields:content"] = "keyword2";
        settings["Notifications:Dispatcher:PollInterval"] = "00:00:00.200";
        // Learn.Jobs refuses to start without a template for each kind it sends.
        foreach (var kind in new[] { "ContestReminder", "ContestResult", "DailyArticle", "HolidayNotice", "Notice", "PoliticalBirthday", "PoliticalBirthdayDigest", "QuestionReportReply", "TermReminder" })
        {
            settings[$"Notifications:Templates:{kind}:OfficialAccountTemplateId"] = $"oa-{kind}-template";
            settings[$"Notifications:Templates:{kind}:OfficialAccountFields:title"] = "keyword1";
        }
    }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The processes under test live in real time: tokens and contests are made on the same clock.
        builder.ConfigureServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton(TimeProvider.System);
        });
    }

    /// <summary>What systemd's EnvironmentFile gives a host: these settings, its own ports, Production.</summary>
    public Dictionary<string, string?> HostEnvironment(int port, int managementPort)
    {
        _ = Server; // the in-process host has migrated the database
        var env = new Dictionary<string, string?>(Settings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database:MigrateOnStart"] = "false",
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Management:Urls"] = $"http://127.0.0.1:{managementPort}",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        };
        return env;
    }

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>A timed contest of <paramref name="questions"/> questions open now, for one branch, and its members.</summary>
    public async Task<(long ContestId, List<long> Members)> ContestAsync(int members, int questions = 12, ContestMode mode = ContestMode.Timed)
    {
        var csv = new StringBuilder("题型,题干,选项A,选项B,选项C,选项D,选项E,选项F,答案,分类,难度,解析\n");
        var levels = new[] { "易", "中", "难" };
        for (var i = 0; i < questions; i++) csv.Append($"单选,部署测试题{i}（  ）,甲{i},乙{i},丙{i},丁{i},,,A,党史,{levels[i % 3]},解析{i}\n");
        await WithAsync(async sp =>
        {
            (await sp.GetRequiredService<QuestionImporter>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())),
                QuestionFileFormat.Csv, false, AuditActor.System)).Committed.ShouldBeTrue();
            return 0;
        });
        var (branch, ids) = await WithDbAsync(async db =>
        {
            var org = await db.AddOrganizationAsync("部署测试党支部", OrganizationKind.Branch);
            var list = new List<long>();
            for (var i = 0; i < members; i++) list.Add((await db.AddMemberAsync(org, "党员" + i)).Id);
            return (org, list);
        });
        var per = questions / 3;
        var draft = new ContestDraft
        {
            Title = "部署测试竞赛", Mode = mode, StartsAt = DateTime.UtcNow.AddMinutes(-1), EndsAt = DateTime.UtcNow.AddDays(1),
            AudienceOrganizationIds = [branch.Id], EasyCount = per, MediumCount = per, HardCount = per, SecondsPerQuestion = 60, AttemptsPerDay = 50,
        };
        var contest = await WithAsync(async sp => await sp.GetRequiredService<ContestAdmin>().CreateAsync("/", branch.Id, draft, AuditActor.System));
        contest.Errors.ShouldBeEmpty();
        return (contest.Contest!.Id, ids);
    }

    /// <summary>A Mini Program identity bound to the member and an access token, as login issues them.</summary>
    public Task<string> MemberTokenAsync(long memberId) => WithDbAsync(async db =>
    {
        var identity = new WeChatIdentity
        {
            AppKind = WeChatAppKind.MiniProgram, AppId = WeChat.MiniProgram.AppId, OpenId = "o" + Guid.NewGuid().ToString("N")[..20],
            MemberId = memberId, BoundAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow, LastSeenAt = DateTime.UtcNow,
        };
        db.WeChatIdentities.Add(identity);
        await db.SaveChangesAsync();
        return Services.GetRequiredService<AccessTokens>().Issue(identity.Id, memberId, "prod-" + Guid.NewGuid().ToString("N"));
    });

    /// <summary>
    /// The Mini Program's own login through <paramref name="site"/>: wx.login's code (the fake WeChat knows it) for a
    /// new identity, then binding with the branch's invitation code and the member's name. Returns the access token.
    /// </summary>
    public async Task<string> LoginAsync(HttpClient site, long memberId)
    {
        var (name, code) = await WithDbAsync(async db =>
        {
            var member = await db.Members.SingleAsync(m => m.Id == memberId);
            var invitation = new InvitationCode
            {
                Code = InvitationCodes.NewCode(), OrganizationId = member.OrganizationId, MaxUses = 1, CreatedAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddDays(1),
            };
            db.Add(invitation);
            await db.SaveChangesAsync();
            return (member.Name, invitation.Code);
        });
        var wxCode = "code-" + Guid.NewGuid().ToString("N")[..12];
        WeChat.Sessions.Add(wxCode, new FakeSession("o" + Guid.NewGuid().ToString("N")[..20], "c2Vzc2lvbmtleTEyMzQ1Ng==", null));
        var login = await site.PostAsJsonAsync("/api/auth/wx-login", new { code = wxCode });
        login.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await login.Content.ReadAsStringAsync());
        var tokens = await login.Content.ReadFromJsonAsync<JsonElement>();
        using var bind = new HttpRequestMessage(HttpMethod.Post, "/api/auth/bind") { Content = JsonContent.Create(new { invitationCode = code, name }) };
        bind.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        var bound = await site.SendAsync(bind);
        bound.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await bound.Content.ReadAsStringAsync());
        var body = await bound.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("memberId").GetInt64().ShouldBe(memberId);
        return body.GetProperty("accessToken").GetString()!;
    }

    public static HttpClient Client(Uri baseAddress, string? token = null)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Starts (or continues) an attempt and answers its current question; the answer's response, or the first failed one.</summary>
    public static async Task<(HttpResponseMessage Response, long AttemptId, int Seq)> AnswerNextAsync(HttpClient member, long contestId)
    {
        var current = await member.GetAsync($"/api/contests/{contestId}/attempts/current");
        JsonElement? attempt = current.IsSuccessStatusCode ? await current.Content.ReadFromJsonAsync<JsonElement>() : null;
        if (attempt is not { } open || open.GetProperty("current").ValueKind == JsonValueKind.Null)
        {
            current = await member.PostAsync($"/api/contests/{contestId}/attempts", null);
            if (!current.IsSuccessStatusCode) return (current, 0, 0);
            open = await current.Content.ReadFromJsonAsync<JsonElement>();
        }
        var (attemptId, seq) = (open.GetProperty("attemptId").GetInt64(), open.GetProperty("current").GetProperty("seq").GetInt32());
        var answer = await member.PostAsJsonAsync($"/api/contests/{contestId}/attempts/{attemptId}/answers",
            new { seq, requestId = Guid.NewGuid().ToString("N"), answer = "A" });
        return (answer, attemptId, seq);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_weChat is not null) await _weChat.DisposeAsync();
    }
}
