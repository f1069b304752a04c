using System.Globalization;
using System.Text;
using Learn.WeChat.Crypto;
using Learn.WeChat.Inbound;
using Learn.WeChat.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Learn.WeChat.Tests.Inbound;

public class PushDecoderHttpTests
{
    private const string Token = "LearnToken2024";
    private const long Now = 1_750_000_000;
    private readonly WeChatPushDecoder _decoder = new("wx0123456789abcdef", Token, "", "", 4096, TimeSpan.FromSeconds(300), ManualTimeProvider.AtUnix(Now));

    [Fact]
    public async Task Reads_query_and_body_from_the_request()
    {
        var outcome = await _decoder.DecodeAsync(Request("<xml><FromUserName>o1</FromUserName><MsgType>text</MsgType><Content>你好</Content></xml>", contentLength: true), default);
        outcome.IsAccepted.ShouldBeTrue(outcome.Detail);
        outcome.Value.Message.Content.ShouldBe("你好");
    }

    [Theory]
    [InlineData(true)]  // declared too large: refused before reading
    [InlineData(false)] // chunked, no length: refused once the limit is crossed
    public async Task Oversized_bodies_are_refused(bool contentLength)
    {
        var outcome = await _decoder.DecodeAsync(Request("<xml><Content>" + new string('x', 10_000) + "</Content></xml>", contentLength), default);
        outcome.Refusal.ShouldBe(PushRefusal.TooLarge);
    }

    private static HttpRequest Request(string body, bool contentLength)
    {
        var ts = Now.ToString(CultureInfo.InvariantCulture);
        var context = new DefaultHttpContext();
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Method = "POST";
        context.Request.QueryString = new QueryString($"?signature={WeChatSignature.Compute(Token, ts, "5")}&timestamp={ts}&nonce=5");
        context.Request.Body = new MemoryStream(bytes);
        if (contentLength) context.Request.ContentLength = bytes.Length;
        return context.Request;
    }
}
