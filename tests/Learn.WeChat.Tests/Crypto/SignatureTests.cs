using System.Globalization;
using Learn.WeChat.Crypto;

namespace Learn.WeChat.Tests.Crypto;

public class SignatureTests
{
    [Theory]
    // Tencent "消息推送" guide: GET verification example (also in ../shared/docs/wechat-notes.md).
    [InlineData("AAAAA", "1714036504", "1514711492", "f464b24fc39322e44b38aa78f5edd27bd1441696")]
    // Tencent "消息推送" guide: plain-mode POST example.
    [InlineData("AAAAA", "1714037059", "486452656", "899cf89e464efb63f54ddac96b0a0a235f53aa78")]
    public void Plain_signature_matches_Tencent_examples(string token, string timestamp, string nonce, string expected)
    {
        WeChatSignature.Compute(token, timestamp, nonce).ShouldBe(expected);
        WeChatSignature.Matches(expected, token, timestamp, nonce).ShouldBeTrue();
    }

    [Fact]
    public void Msg_signature_over_Encrypt_matches_Tencent_safe_mode_example_under_any_culture()
    {
        // Base64 holds '+' and '/', which culture-aware sorting orders differently from WeChat: must not matter.
        var saved = CultureInfo.CurrentCulture;
        try
        {
            foreach (var culture in new[] { "en-US", "zh-CN", "sv-SE", "" })
            {
                CultureInfo.CurrentCulture = new CultureInfo(culture);
                WeChatSignature.Compute(Vectors.DocToken, Vectors.DocTimestamp, Vectors.DocNonce, Vectors.DocEncrypt)
                    .ShouldBe(Vectors.DocMsgSignature);
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void A_changed_part_or_signature_does_not_match()
    {
        WeChatSignature.Matches("f464b24fc39322e44b38aa78f5edd27bd1441696", "AAAAA", "1714036504", "1514711493").ShouldBeFalse();
        WeChatSignature.Matches("f464b24fc39322e44b38aa78f5edd27bd1441697", "AAAAA", "1714036504", "1514711492").ShouldBeFalse();
        WeChatSignature.Matches("", "AAAAA", "1714036504", "1514711492").ShouldBeFalse();
        WeChatSignature.Matches(null, "AAAAA", "1714036504", "1514711492").ShouldBeFalse();
    }

    [Fact]
    public void Js_sdk_signature_matches_Tencent_JS_SDK_appendix_1()
    {
        // Tencent JS-SDK documentation, 附录1 JS-SDK使用权限签名算法.
        const string ticket = "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";
        JsSdk.Sign(ticket, "Wm3WZYTPz0wzccnW", 1414587457, "http://mp.weixin.qq.com?params=value")
            .ShouldBe("0f9de62fce790f9a083d5c99e95740ceb90c27ed");
        // The fragment is not part of the signed URL.
        JsSdk.Sign(ticket, "Wm3WZYTPz0wzccnW", 1414587457, "http://mp.weixin.qq.com?params=value#top")
            .ShouldBe("0f9de62fce790f9a083d5c99e95740ceb90c27ed");
    }
}
