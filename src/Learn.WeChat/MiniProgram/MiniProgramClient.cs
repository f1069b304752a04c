using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Learn.WeChat.Configuration;
using Learn.WeChat.Errors;
using Learn.WeChat.Http;
using Microsoft.Extensions.Options;

namespace Learn.WeChat.MiniProgram;

/// <summary>
/// The Mini Program's server APIs. Every method throws <see cref="WeChatApiException"/> when WeChat
/// refuses (after retrying transient failures); data-rule violations throw before anything is sent.
/// </summary>
public sealed class MiniProgramClient
{
    private readonly WeChatApi _api;
    private readonly IOptions<WeChatOptions> _options;

    internal MiniProgramClient(WeChatApi api, IOptions<WeChatOptions> options)
    {
        _api = api;
        _options = options;
    }

    /// <summary><c>jscode2session</c>: the <c>wx.login</c> code → openid, session_key, unionid. 40029 = invalid code.</summary>
    public Task<Code2SessionResult> Code2SessionAsync(string jsCode, CancellationToken ct = default)
    {
        var mp = _options.Value.MiniProgram;
        var query = $"appid={Uri.EscapeDataString(mp.AppId)}&secret={Uri.EscapeDataString(mp.AppSecret)}" +
                    $"&js_code={Uri.EscapeDataString(jsCode)}&grant_type=authorization_code";
        return _api.GetAnonymousAsync<Code2SessionResult>("/sns/jscode2session", query, ct);
    }

    /// <summary><c>wxa/business/getuserphonenumber</c>: the code from the phone-number button → the number.</summary>
    public async Task<PhoneNumberInfo> GetPhoneNumberAsync(string code, CancellationToken ct = default)
    {
        var answer = await _api.PostAsync<PhoneAnswer>(WeChatApp.MiniProgram, "/wxa/business/getuserphonenumber", new { code }, ct);
        return answer.PhoneInfo;
    }

    /// <summary>
    /// <c>subscribe/send</c>. <c>page</c> and <c>miniprogram_state</c> come from configuration. One accepted
    /// consent allows one send; 43101 means none is left. Never retried (at most once, see <c>WeChatApi.PostOnceAsync</c>).
    /// </summary>
    /// <returns>WeChat's msgid, matched later by <c>subscribe_msg_sent_event</c>.</returns>
    public async Task<string?> SendSubscribeMessageAsync(SubscribeMessage message, CancellationToken ct = default)
    {
        MessageDataRules.Enforce(message.Data);
        var mp = _options.Value.MiniProgram;
        var body = new JsonObject
        {
            ["touser"] = message.ToUser,
            ["template_id"] = message.TemplateId,
            ["page"] = message.Page ?? mp.Page,
            ["miniprogram_state"] = mp.MessageState,
            ["lang"] = "zh_CN",
            ["data"] = DataJson(message.Data),
        };
        var answer = await _api.PostOnceAsync<JsonObject>(WeChatApp.MiniProgram, "/cgi-bin/message/subscribe/send", body, ct);
        return answer["msgid"]?.ToString();
    }

    /// <summary>
    /// <c>msg_sec_check</c> v2 for text a member wrote (≤ 2,500 chars). Decide on <see cref="ContentCheckResult.Suggest"/>:
    /// errcode 0 only means the check ran.
    /// </summary>
    public async Task<ContentCheckResult> CheckTextAsync(string openId, string content, ContentScene scene, CancellationToken ct = default)
    {
        if (content.Length > 2500) throw new ArgumentException("msg_sec_check accepts at most 2,500 characters.", nameof(content));
        var body = new { content, version = 2, scene = (int)scene, openid = openId };
        var answer = await _api.PostAsync<CheckAnswer>(WeChatApp.MiniProgram, "/wxa/msg_sec_check", body, ct);
        var suggest = answer.Result?.Suggest switch
        {
            "pass" => ContentSuggest.Pass,
            "risky" => ContentSuggest.Risky,
            _ => ContentSuggest.Review, // unknown or missing verdict: let a person decide rather than publish
        };
        return new ContentCheckResult(suggest, answer.Result?.Label ?? 0, answer.TraceId);
    }

    internal static JsonObject DataJson(IReadOnlyDictionary<string, string> data)
    {
        var json = new JsonObject();
        foreach (var (key, value) in data) json[key] = new JsonObject { ["value"] = value };
        return json;
    }

    private sealed record PhoneAnswer([property: JsonPropertyName("phone_info")] PhoneNumberInfo PhoneInfo);

    private sealed record CheckAnswer(
        [property: JsonPropertyName("result")] CheckVerdict? Result,
        [property: JsonPropertyName("trace_id")] string? TraceId);

    private sealed record CheckVerdict(
        [property: JsonPropertyName("suggest")] string? Suggest,
        [property: JsonPropertyName("label")] int Label);
}
