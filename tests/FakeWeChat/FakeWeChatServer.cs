using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FakeWeChat;

/// <summary>An app registered at the fake (id and secret).</summary>
public sealed record FakeApp(string AppId, string AppSecret);

/// <summary>
/// A fake api.weixin.qq.com on Kestrel 127.0.0.1:&lt;free port&gt;, in process. It speaks WeChat's shapes,
/// checks the access token on every call, records every request and fails on demand:
/// <code>
/// await using var fake = await FakeWeChatServer.StartAsync();
/// config.AddInMemoryCollection(fake.Configuration());   // WeChat:ApiBaseUrl, app ids, secrets
/// fake.Sessions.Add("code-1", new FakeSession("openid-1", "c2Vzc2lvbmtleTEyMzQ1Ng==", null));
/// fake.FailNext(43101, path: FakePaths.SubscribeSend);
/// fake.RequestsTo(FakePaths.SubscribeSend).Single().Json.GetProperty("touser")…
/// </code>
/// </summary>
public sealed partial class FakeWeChatServer : IAsyncDisposable
{
    private readonly List<FakeRequest> _requests = [];
    private readonly Lock _lock = new();
    private readonly FakeFaults _faults = new();
    private WebApplication? _app;
    private long _msgId = 1_000_000;

    private FakeWeChatServer() => TokenStore = new FakeTokens(TimeProvider.System);

    /// <summary>Starts a fake on a free loopback port.</summary>
    public static async Task<FakeWeChatServer> StartAsync()
    {
        var fake = new FakeWeChatServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeEndpoints.Map(app, fake);
        await app.StartAsync();
        fake._app = app;
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return fake;
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234</c>: use as <c>WeChat:ApiBaseUrl</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The Mini Program the fake knows.</summary>
    public FakeApp MiniProgram { get; } = new("wx1111111111111111", "mp-secret-0123456789abcdef");

    /// <summary>The Official Account the fake knows.</summary>
    public FakeApp OfficialAccount { get; } = new("wx2222222222222222", "oa-secret-0123456789abcdef");

    /// <summary><c>wx.login</c> codes for <c>jscode2session</c>.</summary>
    public FakeCodes<FakeSession> Sessions { get; } = new();

    /// <summary>OAuth2 codes (snsapi_base) → openid.</summary>
    public FakeCodes<string> OAuthCodes { get; } = new();

    /// <summary>Followers of the Official Account (<c>user/info</c>) and snapshot-page OAuth visitors.</summary>
    public FakeFollowers Followers { get; } = new();

    /// <summary>Phone-number button codes.</summary>
    public FakeCodes<FakePhone> PhoneCodes { get; } = new();

    /// <summary>Subscription consents (enforced only when switched on).</summary>
    public FakeConsents Consents { get; } = new();

    /// <summary>Text containing any of these is <c>risky</c> at msg_sec_check.</summary>
    public ICollection<string> RiskyWords { get; } = new SynchronizedCollection();

    /// <summary>Text containing any of these is <c>review</c> at msg_sec_check.</summary>
    public ICollection<string> ReviewWords { get; } = new SynchronizedCollection();

    /// <summary>Lifetime of tokens issued from now on (seconds).</summary>
    public int TokenLifetimeSeconds { get => TokenStore.LifetimeSeconds; set => TokenStore.LifetimeSeconds = value; }

    internal FakeTokens TokenStore { get; }

    /// <summary>Configuration entries pointing the WeChat library at this fake (section <c>WeChat</c>).</summary>
    public Dictionary<string, string?> Configuration() => new()
    {
        ["WeChat:ApiBaseUrl"] = BaseUrl,
        ["WeChat:MiniProgram:AppId"] = MiniProgram.AppId,
        ["WeChat:MiniProgram:AppSecret"] = MiniProgram.AppSecret,
        ["WeChat:OfficialAccount:AppId"] = OfficialAccount.AppId,
        ["WeChat:OfficialAccount:AppSecret"] = OfficialAccount.AppSecret,
        ["WeChat:OfficialAccount:Token"] = "FakeToken123",
        ["WeChat:OfficialAccount:MessageMode"] = "Plain",
    };

    /// <summary>Every request so far, oldest first (a snapshot).</summary>
    public IReadOnlyList<FakeRequest> Requests
    {
        get { lock (_lock) return [.. _requests]; }
    }

    /// <summary>Requests to one path (see <see cref="FakePaths"/>).</summary>
    public IReadOnlyList<FakeRequest> RequestsTo(string path) => [.. Requests.Where(r => r.Path == path)];

    /// <summary>Forgets recorded requests (not tokens, codes or faults).</summary>
    public void ClearRequests()
    {
        lock (_lock) _requests.Clear();
    }

    /// <summary>
    /// Answers the next <paramref name="times"/> matching calls with <paramref name="errCode"/> (40001, 42001, -1,
    /// 45009, 43101, …). Without <paramref name="path"/> every API except the token endpoints matches.
    /// </summary>
    public void FailNext(int errCode, int times = 1, string? path = null) => _faults.Add(path, times, errCode, null, null);

    /// <summary>Answers the next matching calls with an HTTP status (e.g. 502) instead of JSON.</summary>
    public void HttpErrorNext(int status = 503, int times = 1, string? path = null) => _faults.Add(path, times, null, status, null);

    /// <summary>Delays the next matching answers by <paramref name="delay"/> (to provoke client timeouts).</summary>
    public void SlowNext(TimeSpan delay, int times = 1, string? path = null) => _faults.Add(path, times, null, null, delay);

    /// <summary>Drops every pending fault.</summary>
    public void ClearFaults() => _faults.Clear();

    /// <summary>Every token issued so far now answers 42001 (expired).</summary>
    public void ExpireTokens() => TokenStore.ExpireAll();

    /// <summary>Every token issued so far now answers 40001 (invalid, e.g. replaced from elsewhere).</summary>
    public void RevokeTokens() => TokenStore.RevokeAll();

    internal long NextMsgId() => Interlocked.Increment(ref _msgId);

    internal JsonObject? CheckApp(string? appId, string? secret)
    {
        var app = new[] { MiniProgram, OfficialAccount }.FirstOrDefault(a => a.AppId == appId);
        if (app is null) return FakeEndpoints.Error(40013, "invalid appid");
        return app.AppSecret == secret ? null : FakeEndpoints.Error(40125, "invalid appsecret");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
