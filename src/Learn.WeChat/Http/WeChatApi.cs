using System.Text.Json;
using Learn.WeChat.Errors;
using Learn.WeChat.Tokens;

namespace Learn.WeChat.Http;

/// <summary>
/// Calls an access-token API: adds the shared token, force-refreshes it once when WeChat rejects it
/// (40001 / 42001 / 40014) and retries once, and retries transient failures with backoff.
/// </summary>
internal sealed class WeChatApi(WeChatTransport transport, WeChatRetry retry, WeChatAccessTokens tokens)
{
    public async Task<T> GetAsync<T>(WeChatApp app, string path, string query, CancellationToken ct)
        => Read<T>(path, await retry.RunAsync(path, c => CallAsync(app, HttpMethod.Get, path, query, null, c), ct));

    public async Task<T> PostAsync<T>(WeChatApp app, string path, object body, CancellationToken ct)
        => Read<T>(path, await retry.RunAsync(path, c => CallAsync(app, HttpMethod.Post, path, "", body, c), ct));

    /// <summary>
    /// A send that must happen at most once (one consent = one message): never retried, whatever
    /// <c>WeChat:Retry</c> says, since a timeout or -1 may come after WeChat accepted it. Only a
    /// rejected access token is retried: WeChat refused that request before doing anything.
    /// </summary>
    public async Task<T> PostOnceAsync<T>(WeChatApp app, string path, object body, CancellationToken ct)
        => Read<T>(path, await CallAsync(app, HttpMethod.Post, path, "", body, ct));

    /// <summary>An API without an access token (jscode2session, OAuth): retries only.</summary>
    public async Task<T> GetAnonymousAsync<T>(string path, string query, CancellationToken ct)
    {
        var json = await retry.RunAsync(path, c => transport.SendAsync(path, HttpMethod.Get, $"{path}?{query}", null, c), ct);
        return Read<T>(path, json);
    }

    private async Task<JsonElement> CallAsync(WeChatApp app, HttpMethod method, string path, string query, object? body, CancellationToken ct)
    {
        var token = await tokens.GetAsync(app, ct);
        try
        {
            return await transport.SendAsync(path, method, Url(path, query, token), body, ct);
        }
        catch (WeChatApiException ex) when (WeChatErrorCodes.IsTokenRejected(ex.ErrCode))
        {
            // Another instance (or the WeChat console) may have replaced the token: refresh once, retry once.
            token = await tokens.RefreshAsync(app, token, ct);
            return await transport.SendAsync(path, method, Url(path, query, token), body, ct);
        }
    }

    private static string Url(string path, string query, string token)
        => $"{path}?access_token={Uri.EscapeDataString(token)}" + (query.Length > 0 ? "&" + query : "");

    private static T Read<T>(string path, JsonElement json)
        => json.Deserialize<T>(WeChatJson.Options)
           ?? throw new WeChatApiException(path, WeChatErrorCodes.LocalHttpError, "empty response", isTransient: false);
}
