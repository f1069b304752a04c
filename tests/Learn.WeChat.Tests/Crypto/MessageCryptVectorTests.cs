using System.Text;
using Learn.WeChat.Crypto;

namespace Learn.WeChat.Tests.Crypto;

public class MessageCryptVectorTests
{
    [Fact]
    public void Decrypts_Tencent_safe_mode_example()
    {
        var crypt = new WeChatMessageCrypt(Vectors.DocAppId, Vectors.DocAesKey);
        var (message, keyIndex) = crypt.Decrypt(Vectors.DocEncrypt);
        message.ShouldBe(Vectors.DocPlain);
        Encoding.UTF8.GetByteCount(message).ShouldBe(167); // the document's msg_len
        keyIndex.ShouldBe(0);
    }

    [Fact]
    public void Encrypts_Tencent_reply_example_exactly()
    {
        var crypt = new WeChatMessageCrypt(Vectors.DocAppId, Vectors.DocAesKey);
        var encrypt = crypt.Encrypt(Vectors.DocReplyPlain, Encoding.ASCII.GetBytes(Vectors.DocReplyRandom));
        encrypt.ShouldBe(Vectors.DocReplyEncrypt);

        var reply = EncryptedReply.FromEncrypt(encrypt, Vectors.DocToken, Vectors.DocReplyTimestamp, Vectors.DocNonce);
        reply.MsgSignature.ShouldBe(Vectors.DocReplySignature);
        reply.ToJson().ShouldBe(
            "{\"Encrypt\":\"" + Vectors.DocReplyEncrypt +
            "\",\"MsgSignature\":\"" + Vectors.DocReplySignature + "\",\"TimeStamp\":1713424427,\"Nonce\":\"415670741\"}");
    }

    [Fact]
    public void Decrypts_Tencent_WXBizMsgCrypt_sample()
    {
        WeChatSignature.Compute(Vectors.SampleToken, Vectors.SampleTimestamp, Vectors.SampleNonce, Vectors.SampleEncrypt)
            .ShouldBe(Vectors.SampleMsgSignature);
        var (message, _) = new WeChatMessageCrypt(Vectors.SampleAppId, Vectors.SampleAesKey).Decrypt(Vectors.SampleEncrypt);
        message.ShouldContain("<Content><![CDATA[abcdteT]]></Content>");
        message.ShouldContain("<MsgId>6054768590064713728</MsgId>");
    }

    [Fact]
    public void Decrypts_wechatpy_vector()
    {
        WeChatSignature.Compute(Vectors.PyToken, Vectors.PyTimestamp, Vectors.PyNonce, Vectors.PyDecryptEncrypt)
            .ShouldBe(Vectors.PyDecryptSignature);
        var (message, _) = new WeChatMessageCrypt(Vectors.PyAppId, Vectors.PyAesKey).Decrypt(Vectors.PyDecryptEncrypt);
        message.ShouldContain("<Content><![CDATA[test]]></Content>");
        message.ShouldContain("<FromUserName><![CDATA[messense]]></FromUserName>");
    }

    [Fact]
    public void Encrypts_wechatpy_vector_exactly()
    {
        var crypt = new WeChatMessageCrypt(Vectors.PyAppId, Vectors.PyAesKey);
        var encrypt = crypt.Encrypt(Vectors.PyEncryptPlain, Encoding.ASCII.GetBytes(Vectors.PyEncryptRandom));
        encrypt.ShouldBe(Vectors.PyEncryptEncrypt);
        var reply = EncryptedReply.FromEncrypt(encrypt, Vectors.PyToken, long.Parse(Vectors.PyTimestamp, System.Globalization.CultureInfo.InvariantCulture), Vectors.PyNonce);
        reply.MsgSignature.ShouldBe(Vectors.PyEncryptSignature);
        reply.ToXml().ShouldBe(
            $"<xml><Encrypt><![CDATA[{Vectors.PyEncryptEncrypt}]]></Encrypt><MsgSignature><![CDATA[{Vectors.PyEncryptSignature}]]></MsgSignature>" +
            "<TimeStamp>1411525903</TimeStamp><Nonce><![CDATA[461056294]]></Nonce></xml>");
    }

    [Fact]
    public void Decrypts_Tencent_open_data_demo_and_checks_watermark()
    {
        // Tencent's open-data demo (WXBizDataCrypt demo, also wechatpy test_wxa_decrypt_message).
        const string appId = "wx4f4bc4dec97d474b";
        const string sessionKey = "tiihtNczf5v6AKRyjwEUhQ==";
        const string iv = "r7BXXKkLb8qrSNn05n0qiA==";
        const string data =
            "CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYStslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn/Hz7saL8xz+W//FRAUid1OksQaQx4CMs8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG20f0a04COwfneQAGGwd5oa+T8yO5hzuyDb/XcxxmK01EpqOyuxINew==";

        var json = OpenData.Decrypt(sessionKey, data, iv, appId);
        json.GetProperty("watermark").GetProperty("appid").GetString().ShouldBe(appId);
        json.GetProperty("openId").GetString().ShouldBe("oGZUI0egBJY1zhBYw2KhdUfwVJJE");
        json.GetProperty("watermark").GetProperty("timestamp").GetInt64().ShouldBe(1477314187);

        Should.Throw<WeChatCryptoException>(() => OpenData.Decrypt(sessionKey, data, iv, "wx0000000000000000"))
            .Failure.ShouldBe(CryptoFailure.WrongAppId);
        Should.Throw<WeChatCryptoException>(() => OpenData.Decrypt("AAAAAAAAAAAAAAAAAAAAAA==", data, iv, appId))
            .Failure.ShouldBeOneOf(CryptoFailure.BadPadding, CryptoFailure.Malformed);
    }
}
