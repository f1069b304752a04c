using Learn.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learn.Core.Auditing;
using Learn.Core.Contests;
using Learn.Core.Organizers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Production.Tests.Proxy;

/// <summary>
/// The published nginx site in front of two Learn.Api processes and one Learn.Admin, all real: answers through
/// the public block land on both instances and share one board; the organiser side is not reachable publicly;
/// HSTS and Secure cookies; the client's address reaches the audit log only when it comes from the proxy.
/// </summary>
public sealed partial class BehindNginxTests : IAsyncLifetime
{
    private readonly Deployment _deployment = new();
    private readonly List<IAsyncDisposable> _running = [];
    private readonly int[] _apiPorts = [HostProcess.FreePort(), HostProcess.FreePort()];
    private readonly int[] _apiManagement = [HostProcess.FreePort(), HostProcess.FreePort()];
    private readonly int _adminPort = HostProcess.FreePort();
    private NginxSite _nginx = null!;

    public async Task InitializeAsync()
    {
        try
        {
            await StartAllAsync();
        }
        catch
        {
            await DisposeAsync(); // xunit does not dispose a fixture whose start failed: no process may outlive the test
            throw;
        }
    }

    private async Task StartAllAsync()
    {
        await _deployment.InitializeAsync();
        var hosts = new List<(HostProcess Process, int Port)>();
        for (var i = 0; i < 2; i++)
            hosts.Add((HostProcess.Start("Learn.Api", Proxied(_deployment.HostEnvironment(_apiPorts[i], _apiManagement[i])), null), _apiPorts[i]));
        hosts.Add((HostProcess.Start("Learn.Admin", Proxied(_deployment.HostEnvironment(_adminPort, HostProcess.FreePort())), null), _adminPort));
        _running.AddRange(hosts.Select(h => h.Process));
        foreach (var (process, port) in hosts) await process.WaitReadyAsync(new Uri($"http://127.0.0.1:{port}"), TimeSpan.FromSeconds(180)); // 2 shared cores in CI
        _nginx = await NginxSite.StartAsync(_apiPorts, _adminPort);
        _running.Add(_nginx);
    }

    private static Dictionary<string, string?> Proxied(Dictionary<string, string?> env)
    {
        env["ReverseProxy:KnownProxies:0"] = "127.0.0.1"; // nginx on the same machine, as in learn.env.template
        // Low enough to reach in a test, high enough for the first test's five logins (two requests each) from one address.
        env["RateLimits:MemberLoginPerAddressPerMinute"] = LoginLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return env;
    }

    private const int LoginLimit = 12;

    public async Task DisposeAsync()
    {
        foreach (var r in _running) await r.DisposeAsync();
        await _deployment.DisposeAsync();
    }

    [Fact]
    public async Task Members_log_in_through_nginx_answer_on_both_instances_share_one_board_and_their_address_reaches_the_audit_log()
    {
        var (contestId, members) = await _deployment.ContestAsync(members: 6);
        // Through nginx from 127.0.0.7, with a forged X-Forwarded-For nginx overwrites: the member's address is 127.0.0.7.
        using var site = FromAddress(IPAddress.Parse("127.0.0.7"), $"https://127.0.0.1:{_nginx.PublicPort}", forgedFor: "198.51.100.8");
        foreach (var memberId in members.Skip(1))
        {
            site.DefaultRequestHeaders.Authorization = new("Bearer", await _deployment.LoginAsync(site, memberId));
            for (var i = 0; i < 3; i++)
            {
                var (answer, _, _) = await Deployment.AnswerNextAsync(site, contestId);
                answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
                answer.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=");
            }
        }
        // Straight to one instance from 127.0.0.8 with a forged header: not the known proxy, so not believed.
        using (var direct = FromAddress(IPAddress.Parse("127.0.0.8"), $"http://127.0.0.1:{_apiPorts[0]}", forgedFor: "203.0.113.10"))
        {
            direct.DefaultRequestHeaders.Authorization = new("Bearer", await _deployment.LoginAsync(direct, members[0]));
            (await Deployment.AnswerNextAsync(direct, contestId)).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        foreach (var port in _apiManagement)
        {
            using var scrape = Deployment.Client(new Uri($"http://127.0.0.1:{port}"));
            var stored = Regex.Match(await scrape.GetStringAsync("/metrics"), @"^learn_answers_stored_total(?:\{[^}]*\})? (\d+)", RegexOptions.Multiline);
            stored.Success.ShouldBeTrue($"instance with management port {port} stored no answer");
            int.Parse(stored.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        }
        var board = await site.GetFromJsonAsync<JsonElement>($"/api/contests/{contestId}/board?top=100");
        board.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("memberId").GetInt64()).Order().ShouldBe(members.Order());

        var binds = await _deployment.WithDbAsync(db => db.AuditLog.Where(a => a.Action == "member.bind").ToListAsync());
        binds.Where(a => a.EntityId != members[0].ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(a => a.ClientIp).ShouldAllBe(ip => ip == "127.0.0.7");
        binds.Single(a => a.EntityId == members[0].ToString(System.Globalization.CultureInfo.InvariantCulture)).ClientIp.ShouldBe("127.0.0.8");
        binds.Count.ShouldBe(members.Count);
    }

    [Fact]
    public async Task Login_attempts_are_limited_per_members_address_through_nginx_not_per_proxy_and_not_per_forged_header()
    {
        var (_, members) = await _deployment.ContestAsync(members: 1);
        // The limit counts per wall-clock minute: start early in one so every attempt below falls in the same minute.
        if (DateTime.UtcNow.Second > 40) await Task.Delay(TimeSpan.FromSeconds(61 - DateTime.UtcNow.Second));
        using var busy = FromAddress(IPAddress.Parse("127.0.0.7"), $"https://127.0.0.1:{_nginx.PublicPort}", forgedFor: "198.51.100.20");
        async Task<HttpResponseMessage> Attempt(int i)
        {
            // A different forged X-Forwarded-For each time: were the client's header believed, no count would ever fill.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/wx-login") { Content = JsonContent.Create(new { code = "" }) };
            request.Headers.Remove("X-Forwarded-For");
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{30 + i}");
            return await busy.SendAsync(request);
        }
        for (var i = 0; i < LoginLimit; i++)
            (await Attempt(i)).StatusCode.ShouldNotBe(HttpStatusCode.TooManyRequests, $"attempt {i + 1} of {LoginLimit}");
        var refused = await Attempt(LoginLimit);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, problem.ToString());
        problem.GetProperty("type").GetString().ShouldBe("urn:learn:problem:too-many-requests");
        problem.GetProperty("title").GetString().ShouldBe("登录尝试过于频繁，请稍后再试");
        int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);

        // Another member through the same nginx, even claiming to be 127.0.0.7: counted under 127.0.0.9, so let in.
        using var other = FromAddress(IPAddress.Parse("127.0.0.9"), $"https://127.0.0.1:{_nginx.PublicPort}", forgedFor: "127.0.0.7");
        (await _deployment.LoginAsync(other, members[0])).ShouldNotBeNullOrEmpty();
        (await Attempt(LoginLimit + 1)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_live_rounds_open_event_reaches_a_member_through_nginx_within_a_second()
    {
        var (contestId, members) = await _deployment.ContestAsync(members: 1, mode: ContestMode.Live);
        using var site = _nginx.Client(_nginx.PublicPort);
        site.DefaultRequestHeaders.Authorization = new("Bearer", await _deployment.LoginAsync(site, members[0]));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var events = await site.GetAsync($"/api/contests/{contestId}/live/events", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        events.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync(cts.Token));
        (await NextDataAsync(reader, cts.Token)).ShouldContain("subscribed");

        var next = NextDataAsync(reader, cts.Token);
        // From the moment the round is committed and published (the open returns; the event may even be here first)
        // to its arrival: Redis pub/sub, the instance holding the stream, nginx without buffering, TLS.
        var (outcome, round) = await _deployment.WithAsync(sp => sp.GetRequiredService<LiveHost>().OpenQuestionAsync("/", contestId));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        outcome.ShouldBe(LiveHost.Outcome.Done);
        var opened = JsonDocument.Parse(await next).RootElement;
        var took = clock.Elapsed;

        opened.GetProperty("type").GetString().ShouldBe("open");
        opened.GetProperty("seq").GetInt32().ShouldBe(round!.Seq);
        took.ShouldBeLessThan(TimeSpan.FromSeconds(1), "from the host opening the round to the event at the member, through nginx");
    }

    /// <summary>The next server-sent event's data line.</summary>
    private static async Task<string> NextDataAsync(StreamReader reader, CancellationToken ct)
    {
        while (await reader.ReadLineAsync(ct) is { } line)
            if (line.StartsWith("data:", StringComparison.Ordinal)) return line["data:".Length..].Trim();
        throw new EndOfStreamException("the event stream ended");
    }

    [Fact]
    public async Task The_public_block_serves_nothing_of_the_organiser_side_and_sends_HSTS()
    {
        using var site = _nginx.Client(_nginx.PublicPort);
        foreach (var path in new[] { "/api/admin/auth/sign-in", "/api/admin/organizations", "/Account/SignIn", "/metrics", "/" })
            (await site.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        (await site.PostAsJsonAsync("/api/admin/auth/sign-in", new { userName = "x", password = "y" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var ready = await site.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        ready.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=31536000");
    }

    [Fact]
    public async Task The_admin_site_through_the_internal_block_sets_Secure_cookies_and_audits_the_clients_address_not_a_forged_one()
    {
        const string password = "Jiguan#Gongwei2026";
        await _deployment.WithDbAsync(async db =>
        {
            var account = new OrganizerAccount { UserName = "proxyadmin", DisplayName = "代理测试", Role = OrganizerRole.SuperAdmin, CreatedAt = DateTime.UtcNow };
            account.PasswordHash = OrganizerSignIn.HashPassword(account, password);
            db.OrganizerAccounts.Add(account);
            await db.SaveChangesAsync();
        });

        // Through nginx, from 127.0.0.5: nginx's X-Forwarded-For names the client, and it comes from the known proxy.
        using (var viaProxy = FromAddress(IPAddress.Parse("127.0.0.5"), $"https://127.0.0.1:{_nginx.InternalPort}", forgedFor: "198.51.100.7"))
        {
            var cookies = await SignInAsync(viaProxy, password);
            cookies.ShouldNotBeEmpty();
            cookies.ShouldAllBe(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        }
        // Straight to Kestrel from 127.0.0.6 with a forged header: not from a known proxy, so not believed.
        using (var direct = FromAddress(IPAddress.Parse("127.0.0.6"), $"http://127.0.0.1:{_adminPort}", forgedFor: "203.0.113.9"))
            await SignInAsync(direct, password);

        var ips = await _deployment.WithDbAsync(db => db.AuditLog.Where(a => a.Action == "organizer.sign-in").OrderBy(a => a.Id).Select(a => a.ClientIp).ToListAsync());
        ips.ShouldBe(["127.0.0.5", "127.0.0.6"]);
    }

    /// <summary>Signs in on the admin site's form (antiforgery included); returns the Set-Cookie headers of the sign-in.</summary>
    private static async Task<List<string>> SignInAsync(HttpClient http, string password)
    {
        var form = await http.GetAsync("/Account/SignIn");
        var html = await form.Content.ReadAsStringAsync();
        form.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        var token = Antiforgery().Match(html).Groups[1].Value;
        var posted = await http.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "proxyadmin", ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect, await posted.Content.ReadAsStringAsync());
        return [.. form.Headers.GetValues("Set-Cookie"), .. posted.Headers.GetValues("Set-Cookie")];
    }

    /// <summary>A client whose connections leave from <paramref name="local"/> (any 127/8 address is loopback on Linux).</summary>
    private static HttpClient FromAddress(IPAddress local, string baseAddress, string forgedFor)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = true, AllowAutoRedirect = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var http = new HttpClient(handler) { BaseAddress = new Uri(baseAddress), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", forgedFor);
        return http;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
