using Learn.WeChat.Configuration;
using Learn.WeChat.Http;
using Microsoft.Extensions.Options;

namespace Learn.WeChat.Tokens;

/// <summary>The Official Account's <c>jsapi_ticket</c>, cached in Redis exactly like the access token.</summary>
public sealed class JsApiTickets
{
    private readonly RedisCredentialCache _cache;
    private readonly WeChatApi _api;
    private readonly IOptions<WeChatOptions> _options;

    internal JsApiTickets(RedisCredentialCache cache, WeChatApi api, IOptions<WeChatOptions> options)
    {
        _cache = cache;
        _api = api;
        _options = options;
    }

    /// <summary>The current ticket, fetched by one instance when missing or about to expire.</summary>
    public Task<string> GetAsync(CancellationToken ct = default)
        => _cache.GetAsync($"wechat:jsapi_ticket:{_options.Value.OfficialAccount.AppId}", FetchAsync, ct);

    private async Task<IssuedCredential> FetchAsync(bool force, CancellationToken ct)
    {
        var answer = await _api.GetAsync<TicketResponse>(WeChatApp.OfficialAccount, "/cgi-bin/ticket/getticket", "type=jsapi", ct);
        return new IssuedCredential(answer.Ticket, answer.ExpiresIn);
    }

    private sealed record TicketResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("ticket")] string Ticket,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);
}
