using System.Text.Json.Serialization;
using Learn.WeChat.Configuration;
using Learn.WeChat.Http;
using Microsoft.Extensions.Options;

namespace Learn.WeChat.Tokens;

/// <summary>
/// The access token of each app, one per app for all instances, from <c>POST /cgi-bin/stable_token</c>
/// (which returns the same token while it is valid, unlike <c>/cgi-bin/token</c> that invalidates the
/// previous one). Features rarely need this directly: the clients add the token themselves.
/// </summary>
public sealed class WeChatAccessTokens
{
    private const string Api = "/cgi-bin/stable_token";
    private readonly RedisCredentialCache _cache;
    private readonly WeChatTransport _transport;
    private readonly WeChatRetry _retry;
    private readonly IOptions<WeChatOptions> _options;

    internal WeChatAccessTokens(RedisCredentialCache cache, WeChatTransport transport, WeChatRetry retry, IOptions<WeChatOptions> options)
    {
        _cache = cache;
        _transport = transport;
        _retry = retry;
        _options = options;
    }

    /// <summary>The current token of <paramref name="app"/>, fetched (by one instance) when missing or about to expire.</summary>
    public Task<string> GetAsync(WeChatApp app, CancellationToken ct = default)
        => _cache.GetAsync(Key(app), (force, c) => FetchAsync(app, force, c), ct);

    /// <summary>Replaces a token WeChat rejected; concurrent callers with the same rejected token share one refresh.</summary>
    public Task<string> RefreshAsync(WeChatApp app, string rejectedToken, CancellationToken ct = default)
        => _cache.RefreshAsync(Key(app), rejectedToken, (force, c) => FetchAsync(app, force, c), ct);

    private string Key(WeChatApp app) => $"wechat:access_token:{_options.Value.Credentials(app).AppId}";

    private async Task<IssuedCredential> FetchAsync(WeChatApp app, bool force, CancellationToken ct)
    {
        var (appId, secret) = _options.Value.Credentials(app);
        // force_refresh only when WeChat rejected our token: it is limited to a few calls a day.
        var body = new StableTokenRequest("client_credential", appId, secret, force);
        var json = await _retry.RunAsync(Api, c => _transport.SendAsync(Api, HttpMethod.Post, Api, body, c), ct);
        var token = json.GetProperty("access_token").GetString()!;
        return new IssuedCredential(token, json.GetProperty("expires_in").GetInt32());
    }

    private sealed record StableTokenRequest(
        [property: JsonPropertyName("grant_type")] string GrantType,
        [property: JsonPropertyName("appid")] string AppId,
        [property: JsonPropertyName("secret")] string Secret,
        [property: JsonPropertyName("force_refresh")] bool ForceRefresh);
}
