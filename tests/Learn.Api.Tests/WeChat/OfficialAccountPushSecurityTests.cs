using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Learn.Core.Identity;
using Learn.WeChat.Crypto;
using Learn.WeChat.Messages;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Tests.WeChat;

public class OfficialAccountPushSecurityTests(WeChatPushFactory factory) : IClassFixture<WeChatPushFactory>
{
    private long Now => factory.Clock.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public async Task Safe_mode_push_with_Chinese_text_and_long_padding_round_trips_and_the_reply_decrypts()
    {
        var openId = Pushes.NewOpenId();
        var xml = Pushes.Text(openId, "帮助", Now, 24_601_000_001);
        // WXBizMsgCrypt pads to 32 bytes, so pads of 17–32 occur; PKCS7 in .NET rejects them. Make this push need one.
        while (PadOf(xml) <= 16) xml = xml.Replace("</xml>", "\n</xml>", StringComparison.Ordinal);
        PadOf(xml).ShouldBeGreaterThan(16);

        var sender = factory.OfficialAccount();
        var response = await sender.SafeAsync(xml);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var reply = WeChatXmlParser.Parse(sender.DecryptReply(await response.Content.ReadAsStringAsync()));
        reply["MsgType"].ShouldBe("text");
        reply["ToUserName"].ShouldBe(openId);
        reply["FromUserName"].ShouldBe(Pushes.Account);
        reply.Content!.ShouldContain("今日学习");
    }

    [Fact]
    public async Task Plain_and_compatible_mode_pushes_are_answered_in_their_own_mode()
    {
        var sender = factory.OfficialAccount();
        var plain = await sender.PlainAsync(Pushes.Text(Pushes.NewOpenId(), "绑定", Now, 24_601_000_002));
        plain.StatusCode.ShouldBe(HttpStatusCode.OK);
        WeChatXmlParser.Parse(await plain.Content.ReadAsStringAsync()).Content!.ShouldContain(WeChatPushFactory.BindingPageUrl);

        var compatible = await sender.CompatibleAsync(Pushes.Text(Pushes.NewOpenId(), "绑定", Now, 24_601_000_003));
        compatible.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await compatible.Content.ReadAsStringAsync();
        body.ShouldNotContain(WeChatPushFactory.BindingPageUrl); // encrypted, as the push was
        WeChatXmlParser.Parse(sender.DecryptReply(body)).Content!.ShouldContain(WeChatPushFactory.BindingPageUrl);
    }

    [Fact]
    public async Task Url_verification_echoes_echostr_verbatim_as_plain_text_only_when_signed()
    {
        var sender = factory.OfficialAccount();
        var query = sender.Query();
        query["echostr"] = "5917418862405791+/=中";
        var url = "/wechat/mp?" + string.Join("&", query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

        var ok = await sender.Client.GetAsync(url);
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        ok.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await ok.Content.ReadAsStringAsync()).ShouldBe("5917418862405791+/=中");

        var forged = await sender.Client.GetAsync(url.Replace("signature=", "signature=0", StringComparison.Ordinal));
        forged.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await forged.Content.ReadAsStringAsync()).ShouldNotContain("5917418862405791");
    }

    [Fact]
    public async Task Tampered_or_missing_signatures_are_refused_and_nothing_is_recorded()
    {
        var openId = Pushes.NewOpenId();
        var subscribe = Pushes.Event(openId, "subscribe", Now);
        var sender = factory.OfficialAccount();

        var responses = new[]
        {
            await sender.SafeAsync(subscribe, q => q["msg_signature"] = Flip(q["msg_signature"])),
            await sender.SafeAsync(subscribe, q => q.Remove("msg_signature")),
            // In safe mode a good plain signature is not enough: msg_signature covers the ciphertext.
            await sender.SafeAsync(subscribe, q => q["msg_signature"] = q["signature"]),
            await sender.PlainAsync(subscribe, q => q["signature"] = Flip(q["signature"])),
            await sender.PlainAsync(subscribe, q => q.Remove("signature")),
        };

        foreach (var response in responses)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().ShouldBe("urn:learn:problem:wechat-signature");
        }
        (await factory.WithDbAsync(db => db.WeChatIdentities.AnyAsync(w => w.OpenId == openId))).ShouldBeFalse();
    }

    [Fact]
    public async Task Stale_timestamp_and_another_apps_message_are_refused()
    {
        var sender = factory.OfficialAccount();
        var push = Pushes.Event(Pushes.NewOpenId(), "subscribe", Now);
        factory.Clock.Advance(TimeSpan.FromMinutes(-6));
        var staleQuery = sender.Query();
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        (await sender.RawAsync(staleQuery, push)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Signed with our token and key, but the frame names another app id.
        var foreign = new WeChatMessageCrypt("wxffffffffffffffff", WeChatPushFactory.OfficialAccountAesKey).Encrypt(push);
        var query = sender.Query(foreign);
        var response = await sender.RawAsync(query, $"<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[{foreign}]]></Encrypt></xml>");
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().ShouldBe("urn:learn:problem:wechat-wrong-app");
    }

    [Theory]
    [InlineData("<!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><ToUserName>gh</ToUserName><Content>&e;</Content></xml>")]
    [InlineData("<!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><xml><Content>&b;&b;&b;</Content></xml>")]
    [InlineData("<xml><ToUserName>gh</ToUserName><Content>unclosed</xml>")]
    [InlineData("not xml at all")]
    public async Task Malformed_and_XXE_bodies_are_a_400_problem_in_every_mode(string body)
    {
        var sender = factory.OfficialAccount();
        foreach (var response in new[] { await sender.PlainAsync(body), await sender.SafeAsync(body) })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await response.Content.ReadAsStringAsync()).ShouldNotContain("root:");
        }
    }

    [Fact]
    public async Task Oversized_body_is_refused_with_413()
    {
        var body = Pushes.Text(Pushes.NewOpenId(), new string('党', 30_000), Now, 24_601_000_004); // ~90 KB > 64 KB
        var response = await factory.OfficialAccount().PlainAsync(body);
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().ShouldBe("urn:learn:problem:payload-too-large");
    }

    // Frame = 16 random + 4 length + message + app id, padded to a multiple of 32 with 1..32 bytes.
    private static int PadOf(string xml)
    {
        var frame = 20 + Encoding.UTF8.GetByteCount(xml) + WeChatPushFactory.OfficialAccountAppId.Length;
        return 32 - frame % 32;
    }

    private static string Flip(string s) => (s[0] == 'a' ? "b" : "a") + s[1..];
}
