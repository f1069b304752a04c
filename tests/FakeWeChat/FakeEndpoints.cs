using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FakeWeChat;

/// <summary>WeChat's request and response shapes, one method per API.</summary>
internal static class FakeEndpoints
{
    public static void Map(WebApplication app, FakeWeChatServer fake)
    {
        app.MapGet(FakePaths.Token, ctx => fake.HandleAsync(ctx, needsToken: false, call => Token(fake, call)));
        app.MapPost(FakePaths.StableToken, ctx => fake.HandleAsync(ctx, needsToken: false, call => StableToken(fake, call)));
        app.MapGet(FakePaths.JsCode2Session, ctx => fake.HandleAsync(ctx, needsToken: false, call => JsCode2Session(fake, call)));
        app.MapGet(FakePaths.OAuthAccessToken, ctx => fake.HandleAsync(ctx, needsToken: false, call => OAuth(fake, call)));
        app.MapPost(FakePaths.SubscribeSend, ctx => fake.HandleAsync(ctx, needsToken: true, call => Subscribe(fake, call, withMsgId: true)));
        app.MapPost(FakePaths.BizSend, ctx => fake.HandleAsync(ctx, needsToken: true, call => Subscribe(fake, call, withMsgId: false)));
        app.MapPost(FakePaths.TemplateSend, ctx => fake.HandleAsync(ctx, needsToken: true, call => Template(fake, call)));
        app.MapPost(FakePaths.MsgSecCheck, ctx => fake.HandleAsync(ctx, needsToken: true, call => SecCheck(fake, call)));
        app.MapPost(FakePaths.PhoneNumber, ctx => fake.HandleAsync(ctx, needsToken: true, call => Phone(fake, call)));
        app.MapGet(FakePaths.UserInfo, ctx => fake.HandleAsync(ctx, needsToken: true, call => UserInfo(fake, call)));
        app.MapGet(FakePaths.GetTicket, ctx => fake.HandleAsync(ctx, needsToken: true, call => Ticket(fake, call)));
    }

    private static JsonObject Token(FakeWeChatServer fake, FakeCall call)
    {
        if (call.Query("grant_type") != "client_credential") return Error(40002, "invalid grant_type");
        if (fake.CheckApp(call.Query("appid"), call.Query("secret")) is { } bad) return bad;
        call.Request.AppId = call.Query("appid");
        var (token, expiresIn) = fake.TokenStore.New(call.Query("appid")!);
        return new JsonObject { ["access_token"] = token, ["expires_in"] = expiresIn };
    }

    private static JsonObject StableToken(FakeWeChatServer fake, FakeCall call)
    {
        var appId = call.Str("appid");
        if (call.Str("grant_type") != "client_credential") return Error(40002, "invalid grant_type");
        if (fake.CheckApp(appId, call.Str("secret")) is { } bad) return bad;
        call.Request.AppId = appId;
        var force = call.Body?["force_refresh"]?.GetValue<bool>() ?? false;
        var (token, expiresIn) = fake.TokenStore.Stable(appId!, force);
        return new JsonObject { ["access_token"] = token, ["expires_in"] = expiresIn };
    }

    private static JsonObject JsCode2Session(FakeWeChatServer fake, FakeCall call)
    {
        if (fake.CheckApp(call.Query("appid"), call.Query("secret")) is { } bad) return bad;
        call.Request.AppId = call.Query("appid");
        var (session, code) = fake.Sessions.Redeem(call.Query("js_code"));
        if (session is null) return Error(code, code == 40163 ? "code been used" : "invalid code");
        var answer = new JsonObject { ["openid"] = session.OpenId, ["session_key"] = session.SessionKey };
        if (session.UnionId is not null) answer["unionid"] = session.UnionId;
        return answer;
    }

    private static JsonObject OAuth(FakeWeChatServer fake, FakeCall call)
    {
        if (fake.CheckApp(call.Query("appid"), call.Query("secret")) is { } bad) return bad;
        call.Request.AppId = call.Query("appid");
        var (openId, code) = fake.OAuthCodes.Redeem(call.Query("code"));
        if (openId is null) return Error(code, code == 40163 ? "code been used" : "invalid code");
        // snsapi_base: no unionid (Tencent documents it for snsapi_userinfo only); is_snapshotuser only when it is 1.
        var answer = new JsonObject
        {
            ["access_token"] = "FAKE_WEB_" + Guid.NewGuid().ToString("N"), ["expires_in"] = 7200,
            ["refresh_token"] = "FAKE_REFRESH", ["openid"] = openId, ["scope"] = "snsapi_base",
        };
        if (fake.Followers.IsSnapshotUser(openId)) answer["is_snapshotuser"] = 1;
        return answer;
    }

    private static JsonObject UserInfo(FakeWeChatServer fake, FakeCall call)
    {
        var openId = call.Query("openid");
        if (string.IsNullOrEmpty(openId) || call.Request.AppId != fake.OfficialAccount.AppId) return Error(40003, "invalid openid");
        if (!fake.Followers.Follows(openId)) return new JsonObject { ["subscribe"] = 0, ["openid"] = openId };
        var answer = new JsonObject { ["subscribe"] = 1, ["openid"] = openId, ["language"] = "zh_CN", ["subscribe_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
        if (fake.Followers.UnionIdOf(openId) is { } unionId) answer["unionid"] = unionId;
        return answer;
    }

    private static JsonObject Subscribe(FakeWeChatServer fake, FakeCall call, bool withMsgId)
    {
        if (CheckMessage(call) is { } bad) return bad;
        if (!fake.Consents.TrySpend(call.Str("touser")!, call.Str("template_id")!)) return Error(43101, "user refuse to accept the msg");
        var answer = Error(0, "ok");
        if (withMsgId) answer["msgid"] = fake.NextMsgId();
        return answer;
    }

    private static JsonObject Template(FakeWeChatServer fake, FakeCall call)
    {
        if (CheckMessage(call) is { } bad) return bad;
        var answer = Error(0, "ok");
        answer["msgid"] = fake.NextMsgId();
        return answer;
    }

    private static JsonObject SecCheck(FakeWeChatServer fake, FakeCall call)
    {
        if (call.Body?["version"]?.GetValue<int>() != 2 || string.IsNullOrEmpty(call.Str("openid")) || call.Str("content") is null)
            return Error(47001, "data format error");
        var content = call.Str("content")!;
        var (suggest, label) = fake.RiskyWords.Any(content.Contains) ? ("risky", 20001)
            : fake.ReviewWords.Any(content.Contains) ? ("review", 20002) : ("pass", 100);
        var answer = Error(0, "ok");
        answer["result"] = new JsonObject { ["suggest"] = suggest, ["label"] = label };
        answer["detail"] = new JsonArray(new JsonObject { ["strategy"] = "content_model", ["errcode"] = 0, ["suggest"] = suggest, ["label"] = label });
        answer["trace_id"] = "fake-trace-" + fake.NextMsgId();
        return answer;
    }

    private static JsonObject Phone(FakeWeChatServer fake, FakeCall call)
    {
        var (phone, code) = fake.PhoneCodes.Redeem(call.Str("code"));
        if (phone is null) return Error(code == 40163 ? 40163 : 40029, "invalid code");
        var answer = Error(0, "ok");
        answer["phone_info"] = new JsonObject
        {
            ["phoneNumber"] = phone.PhoneNumber, ["purePhoneNumber"] = phone.PurePhoneNumber, ["countryCode"] = phone.CountryCode,
            ["watermark"] = new JsonObject { ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["appid"] = call.Request.AppId },
        };
        return answer;
    }

    private static JsonObject Ticket(FakeWeChatServer fake, FakeCall call)
    {
        if (call.Query("type") != "jsapi") return Error(40097, "invalid args");
        var answer = Error(0, "ok");
        answer["ticket"] = "FAKE_TICKET_" + fake.NextMsgId();
        answer["expires_in"] = 7200;
        return answer;
    }

    // The checks WeChat makes on every message send: recipient, template, data of {key: {value}} with values present.
    private static JsonObject? CheckMessage(FakeCall call)
    {
        if (call.Body is null) return Error(47001, "data format error");
        if (string.IsNullOrEmpty(call.Str("touser"))) return Error(40003, "invalid openid");
        if (string.IsNullOrEmpty(call.Str("template_id"))) return Error(40037, "invalid template_id");
        if (call.Body["data"] is not JsonObject data || data.Count == 0) return Error(47003, "argument invalid! data is empty");
        foreach (var (key, field) in data)
            if (field?["value"]?.GetValueKind() != System.Text.Json.JsonValueKind.String || string.IsNullOrEmpty(field["value"]!.GetValue<string>()))
                return Error(47003, $"argument invalid! data.{key}.value is empty");
        return null;
    }

    public static JsonObject Error(int code, string message) => new() { ["errcode"] = code, ["errmsg"] = message };
}

/// <summary>A request being answered.</summary>
internal sealed record FakeCall(FakeRequest Request, JsonObject? Body)
{
    public string? Query(string name) => Request.QueryValue(name);

    public string? Str(string name) => Body?[name]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? Body[name]!.GetValue<string>() : null;
}
