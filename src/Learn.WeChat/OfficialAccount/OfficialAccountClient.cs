using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Learn.WeChat.Configuration;
using Learn.WeChat.Crypto;
using Learn.WeChat.Errors;
using Learn.WeChat.Http;
using Learn.WeChat.MiniProgram;
using Learn.WeChat.Tokens;
using Microsoft.Extensions.Options;

namespace Learn.WeChat.OfficialAccount;

/// <summary>
/// The Official Account's server APIs: template messages, subscription notifications, OAuth2 web
/// authorization and the JS-SDK config. Failures throw <see cref="WeChatApiException"/>.
/// </summary>
public sealed class OfficialAccountClient
{
    private readonly WeChatApi _api;
    private readonly JsApiTickets _tickets;
    private readonly TimeProvider _time;
    private readonly IOptions<WeChatOptions> _options;

    internal OfficialAccountClient(WeChatApi api, JsApiTickets tickets, TimeProvider time, IOptions<WeChatOptions> options)
    {
        _api = api;
        _tickets = tickets;
        _time = time;
        _options = options;
    }

    /// <summary><c>template/send</c>; returns WeChat's msgid, echoed later by <c>TEMPLATESENDJOBFINISH</c>.</summary>
    public async Task<long> SendTemplateMessageAsync(TemplateMessage message, CancellationToken ct = default)
    {
        MessageDataRules.Enforce(message.Data, templateMessage: true);
        var body = new JsonObject { ["touser"] = message.ToUser, ["template_id"] = message.TemplateId, ["data"] = MiniProgramClient.DataJson(message.Data) };
        if (message.Url is not null) body["url"] = message.Url;
        if (message.MiniProgram is { } mp) body["miniprogram"] = new JsonObject { ["appid"] = mp.AppId, ["pagepath"] = mp.PagePath };
        if (message.ClientMsgId is not null) body["client_msg_id"] = message.ClientMsgId;
        // Retried only with a client_msg_id, which makes WeChat drop the repeat; otherwise at most once.
        var answer = message.ClientMsgId is null
            ? await _api.PostOnceAsync<JsonObject>(WeChatApp.OfficialAccount, "/cgi-bin/message/template/send", body, ct)
            : await _api.PostAsync<JsonObject>(WeChatApp.OfficialAccount, "/cgi-bin/message/template/send", body, ct);
        return answer["msgid"]?.GetValue<long>() ?? 0;
    }

    /// <summary><c>subscribe/bizsend</c>: one accepted consent, one send (never retried); 43101 when none is left.</summary>
    public async Task SendSubscriptionAsync(BizSubscribeMessage message, CancellationToken ct = default)
    {
        MessageDataRules.Enforce(message.Data);
        var body = new JsonObject { ["touser"] = message.ToUser, ["template_id"] = message.TemplateId, ["data"] = MiniProgramClient.DataJson(message.Data) };
        if (message.Page is not null) body["page"] = message.Page;
        if (message.MiniProgram is { } mp) body["miniprogram"] = new JsonObject { ["appid"] = mp.AppId, ["pagepath"] = mp.PagePath };
        await _api.PostOnceAsync<JsonObject>(WeChatApp.OfficialAccount, "/cgi-bin/message/subscribe/bizsend", body, ct);
    }

    /// <summary>The URL that sends a member through silent authorization (snsapi_base) back to <paramref name="redirectUri"/>.</summary>
    public string OAuthUrl(string redirectUri, string state)
        => "https://open.weixin.qq.com/connect/oauth2/authorize?appid=" + Uri.EscapeDataString(_options.Value.OfficialAccount.AppId) +
           "&redirect_uri=" + Uri.EscapeDataString(redirectUri) + "&response_type=code&scope=snsapi_base&state=" +
           Uri.EscapeDataString(state) + "#wechat_redirect";

    /// <summary>
    /// <c>sns/oauth2/access_token</c>: the code WeChat appended to the redirect → openid. A code works once and
    /// for five minutes: 40029 (<see cref="WeChatErrorCodes.InvalidCode"/>) for an unknown or expired code,
    /// 40163 (<see cref="WeChatErrorCodes.CodeUsed"/>) for a used one, both final.
    /// </summary>
    public Task<OAuthIdentity> ExchangeOAuthCodeAsync(string code, CancellationToken ct = default)
    {
        var oa = _options.Value.OfficialAccount;
        var query = $"appid={Uri.EscapeDataString(oa.AppId)}&secret={Uri.EscapeDataString(oa.AppSecret)}" +
                    $"&code={Uri.EscapeDataString(code)}&grant_type=authorization_code";
        return _api.GetAnonymousAsync<OAuthIdentity>("/sns/oauth2/access_token", query, ct);
    }

    /// <summary>
    /// <c>cgi-bin/user/info</c>: whether <paramref name="openId"/> follows the account now (and its unionid). Followers
    /// from before our server was connected never sent a subscribe event, so this is how we learn they follow.
    /// </summary>
    public Task<OfficialAccountUser> GetUserAsync(string openId, CancellationToken ct = default)
        => _api.GetAsync<OfficialAccountUser>(WeChatApp.OfficialAccount, "/cgi-bin/user/info",
            $"openid={Uri.EscapeDataString(openId)}&lang=zh_CN", ct);

    /// <summary>The <c>wx.config</c> values for the page at <paramref name="url"/> (its full URL, without the fragment).</summary>
    public async Task<JsSdkConfig> GetJsSdkConfigAsync(string url, CancellationToken ct = default)
    {
        var ticket = await _tickets.GetAsync(ct);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        return new JsSdkConfig(_options.Value.OfficialAccount.AppId, timestamp, nonce, JsSdk.Sign(ticket, nonce, timestamp, url));
    }
}
