using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Learn.Simulator;

/// <summary>
/// The WeChat APIs Learn calls, answered the way the WeChat developer tools' simulator would: any app id and
/// secret get a token, any <c>wx.login</c> code logs in, every message send succeeds and lands in the
/// <see cref="SimulatedInbox"/>. Nothing here checks a signature or a consent: it shows the product, it does
/// not test it (tests/FakeWeChat does that).
/// </summary>
public static class SimulatedWeChat
{
    public static void MapSimulatedWeChat(this WebApplication app)
    {
        app.MapGet("/cgi-bin/token", (string? appid) => Token(appid));
        app.MapPost("/cgi-bin/stable_token", async (HttpRequest request) => Token((await Body(request))?["appid"]?.GetValue<string>()));
        app.MapGet("/sns/jscode2session", (string? js_code) => Session(js_code));
        app.MapGet("/sns/oauth2/access_token", (string? code) => string.IsNullOrEmpty(code) ? Error(40029, "invalid code")
            : new JsonObject { ["access_token"] = "SIM_WEB_" + Guid.NewGuid().ToString("N"), ["expires_in"] = 7200, ["openid"] = OpenIdOf("oa:" + code), ["scope"] = "snsapi_base" });
        app.MapPost("/cgi-bin/message/subscribe/send", (HttpRequest r, string? access_token, SimulatedInbox inbox) => Send(r, access_token, inbox, "小程序订阅消息"));
        app.MapPost("/cgi-bin/message/subscribe/bizsend", (HttpRequest r, string? access_token, SimulatedInbox inbox) => Send(r, access_token, inbox, "公众号订阅通知"));
        app.MapPost("/cgi-bin/message/template/send", (HttpRequest r, string? access_token, SimulatedInbox inbox) => Send(r, access_token, inbox, "公众号模板消息"));
        app.MapPost("/wxa/msg_sec_check", () => Ok(new JsonObject { ["result"] = new JsonObject { ["suggest"] = "pass", ["label"] = 100 } }));
        app.MapGet("/cgi-bin/user/info", (string? openid) => new JsonObject { ["subscribe"] = 1, ["openid"] = openid, ["language"] = "zh_CN" });
        app.MapGet("/cgi-bin/ticket/getticket", () => Ok(new JsonObject { ["ticket"] = "SIM_TICKET_" + Guid.NewGuid().ToString("N"), ["expires_in"] = 7200 }));
        app.MapPost("/wxa/business/getuserphonenumber", () => Error(40029, "演示模式不提供手机号，请用邀请码绑定"));
    }

    /// <summary>The openid a <c>wx.login</c> code stands for: the same code always gives the same member, so a demo can log in again.</summary>
    public static string OpenIdOf(string code) =>
        "sim_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)))[..24];

    private static JsonObject Token(string? appId) => string.IsNullOrEmpty(appId) ? Error(40013, "invalid appid")
        // The app id rides in the token so a send can say which app it came from.
        : new JsonObject { ["access_token"] = $"SIM.{appId}.{Guid.NewGuid():N}", ["expires_in"] = 7200 };

    private static JsonObject Session(string? code) => string.IsNullOrEmpty(code) ? Error(40029, "invalid code")
        : new JsonObject { ["openid"] = OpenIdOf(code), ["session_key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)) };

    private static async Task<JsonObject> Send(HttpRequest request, string? accessToken, SimulatedInbox inbox, string kind)
    {
        var body = await Body(request);
        var toUser = body?["touser"]?.GetValue<string>();
        var templateId = body?["template_id"]?.GetValue<string>();
        if (body?["data"] is not JsonObject data || string.IsNullOrEmpty(toUser) || string.IsNullOrEmpty(templateId))
            return Error(47001, "data format error");
        var fields = data.ToDictionary(f => f.Key, f => f.Value?["value"]?.GetValue<string>() ?? "", StringComparer.Ordinal);
        var page = body["page"]?.GetValue<string>() ?? body["miniprogram"]?["pagepath"]?.GetValue<string>();
        var appId = accessToken?.Split('.') is [_, var id, ..] ? id : "";
        var message = inbox.Add(kind, appId, toUser, templateId, page, fields);
        return Ok(new JsonObject { ["msgid"] = message.MsgId });
    }

    private static async Task<JsonObject?> Body(HttpRequest request)
    {
        try { return await JsonNode.ParseAsync(request.Body) as JsonObject; }
        catch (System.Text.Json.JsonException) { return null; }
    }

    private static JsonObject Ok(JsonObject answer)
    {
        answer["errcode"] = 0;
        answer["errmsg"] = "ok";
        return answer;
    }

    private static JsonObject Error(int code, string message) => new() { ["errcode"] = code, ["errmsg"] = message };
}
