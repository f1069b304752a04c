using System.Globalization;
using System.Text;
using Learn.WeChat.Crypto;
using Learn.WeChat.Inbound;
using Learn.WeChat.Tests.Crypto;
using Learn.WeChat.Tests.Support;

namespace Learn.WeChat.Tests.Inbound;

public class PushDecoderTests
{
    private const string AppId = "wx0123456789abcdef";
    private const string Token = "LearnToken2024";
    private const string AesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private const long Now = 1_750_000_000;
    private readonly ManualTimeProvider _time = ManualTimeProvider.AtUnix(Now);

    private WeChatPushDecoder Decoder(string aesKey = AesKey, string previous = "", string token = Token, int max = 64 * 1024)
        => new(AppId, token, aesKey, previous, max, TimeSpan.FromSeconds(300), _time);

    [Fact]
    public void Tencent_safe_mode_example_decodes_end_to_end()
    {
        var time = ManualTimeProvider.AtUnix(long.Parse(Vectors.DocTimestamp, CultureInfo.InvariantCulture));
        var decoder = new WeChatPushDecoder(Vectors.DocAppId, Vectors.DocToken, Vectors.DocAesKey, "", 65536, TimeSpan.FromSeconds(300), time);
        var query = new WeChatPushQuery("6c5c811b55cc85e0e1b54100749188c20beb3f5d", Vectors.DocTimestamp, Vectors.DocNonce, "aes", Vectors.DocMsgSignature);
        var body = $$"""{"ToUserName":"gh_97417a04a28d","Encrypt":"{{Vectors.DocEncrypt}}"}""";

        var outcome = decoder.Decode(query, Encoding.UTF8.GetBytes(body));

        outcome.IsAccepted.ShouldBeTrue(outcome.Detail);
        outcome.Value.Message.Event.ShouldBe("debug_demo");
        outcome.Value.Message["debug_str"].ShouldBe("hello world");
        outcome.Value.Format.ShouldBe(PushFormat.Json);
    }

    [Fact]
    public void Url_verification_echoes_echostr_only_when_signed()
    {
        var ts = Now.ToString(CultureInfo.InvariantCulture);
        var ok = Decoder().VerifyUrl(new WeChatPushQuery(WeChatSignature.Compute(Token, ts, "42"), ts, "42", EchoStr: "echo-123"));
        ok.IsAccepted.ShouldBeTrue();
        ok.Value.ShouldBe("echo-123");
        Decoder().VerifyUrl(new WeChatPushQuery("0000", ts, "42", EchoStr: "echo-123")).Refusal.ShouldBe(PushRefusal.BadSignature);
    }

    [Fact]
    public void Plain_push_with_a_good_signature_is_accepted_and_a_tampered_one_refused()
    {
        var body = Xml("今日学习");
        var query = PlainQuery(Now);
        Decoder().Decode(query, body).Value!.Message.Content.ShouldBe("今日学习");
        Decoder().Decode(query with { Signature = Flip(query.Signature!) }, body).Refusal.ShouldBe(PushRefusal.BadSignature);
        Decoder().Decode(query with { Signature = null }, body).Refusal.ShouldBe(PushRefusal.BadSignature);
    }

    [Theory]
    [InlineData(-301, PushRefusal.StaleTimestamp)]
    [InlineData(301, PushRefusal.StaleTimestamp)]
    [InlineData(-300, null)]
    [InlineData(300, null)]
    public void Timestamp_must_be_within_five_minutes(int offset, PushRefusal? expected)
        => Decoder().Decode(PlainQuery(Now + offset), Xml("hi")).Refusal.ShouldBe(expected);

    [Fact]
    public void Safe_mode_round_trip_with_Chinese_text_and_encrypted_reply()
    {
        var (query, body) = SafePush(Xml("学习强国·党建"), AesKey);
        var outcome = Decoder().Decode(query, body);
        outcome.IsAccepted.ShouldBeTrue(outcome.Detail);
        outcome.Value.WasEncrypted.ShouldBeTrue();
        outcome.Value.Message.Content.ShouldBe("学习强国·党建");

        var reply = Decoder().Reply(outcome.Value, "<xml><Content><![CDATA[收到]]></Content></xml>");
        var envelope = Learn.WeChat.Messages.WeChatXmlParser.Parse(reply);
        WeChatSignature.Compute(Token, envelope["TimeStamp"]!, envelope["Nonce"]!, envelope["Encrypt"]!).ShouldBe(envelope["MsgSignature"]);
        new WeChatMessageCrypt(AppId, AesKey).Decrypt(envelope["Encrypt"]!).Message.ShouldContain("收到");
        Decoder().Reply(outcome.Value, "success").ShouldBe("success");
    }

    [Fact]
    public void Safe_mode_refusals_bad_msg_signature_wrong_app_id_undecryptable()
    {
        var (query, body) = SafePush(Xml("x"), AesKey);
        Decoder().Decode(query with { MsgSignature = Flip(query.MsgSignature!) }, body).Refusal.ShouldBe(PushRefusal.BadSignature);
        // signature (plain) is not what authenticates safe mode
        Decoder().Decode(query with { MsgSignature = query.Signature }, body).Refusal.ShouldBe(PushRefusal.BadSignature);

        var (foreignQuery, foreignBody) = SafePush(Xml("x"), AesKey, appId: "wxffffffffffffffff");
        Decoder().Decode(foreignQuery, foreignBody).Refusal.ShouldBe(PushRefusal.WrongAppId);

        var (otherKeyQuery, otherKeyBody) = SafePush(Xml("x"), new string('Z', 43));
        Decoder().Decode(otherKeyQuery, otherKeyBody).Refusal.ShouldBe(PushRefusal.Malformed);
        // ...unless that key is configured as the previous one (rotation)
        Decoder(previous: new string('Z', 43)).Decode(otherKeyQuery, otherKeyBody).IsAccepted.ShouldBeTrue();
    }

    [Fact]
    public void Malformed_xxe_and_oversized_bodies_are_refused()
    {
        var ts = Now;
        Decoder().Decode(PlainQuery(ts), Encoding.UTF8.GetBytes("<xml><Content>x</Content>")).Refusal.ShouldBe(PushRefusal.Malformed);
        Decoder().Decode(PlainQuery(ts), Encoding.UTF8.GetBytes("garbage")).Refusal.ShouldBe(PushRefusal.Malformed);
        var xxe = "<!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Content>&e;</Content></xml>";
        Decoder().Decode(PlainQuery(ts), Encoding.UTF8.GetBytes(xxe)).Refusal.ShouldBe(PushRefusal.Malformed);
        var big = Encoding.UTF8.GetBytes("<xml><Content>" + new string('x', 5000) + "</Content></xml>");
        Decoder(max: 4096).Decode(PlainQuery(ts), big).Refusal.ShouldBe(PushRefusal.TooLarge);
        Decoder(token: "").Decode(PlainQuery(ts), Xml("x")).Refusal.ShouldBe(PushRefusal.NotConfigured);
    }

    private static byte[] Xml(string content) => Encoding.UTF8.GetBytes(
        $"<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o_1]]></FromUserName><CreateTime>{Now}</CreateTime>" +
        $"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content><MsgId>77</MsgId></xml>");

    private static WeChatPushQuery PlainQuery(long ts)
    {
        var t = ts.ToString(CultureInfo.InvariantCulture);
        return new WeChatPushQuery(WeChatSignature.Compute(Token, t, "123"), t, "123");
    }

    // Builds a push exactly as WeChat does in safe mode: Encrypt in an XML envelope, msg_signature over it.
    private static (WeChatPushQuery, byte[]) SafePush(byte[] plain, string key, string appId = AppId)
    {
        var encrypt = new WeChatMessageCrypt(appId, key).Encrypt(Encoding.UTF8.GetString(plain));
        var ts = Now.ToString(CultureInfo.InvariantCulture);
        var query = new WeChatPushQuery(WeChatSignature.Compute(Token, ts, "987"), ts, "987", "aes", WeChatSignature.Compute(Token, ts, "987", encrypt));
        return (query, Encoding.UTF8.GetBytes($"<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"));
    }

    private static string Flip(string s) => (s[0] == 'a' ? "b" : "a") + s[1..];
}
