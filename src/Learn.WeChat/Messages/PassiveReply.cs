using System.Globalization;
using System.Text;

namespace Learn.WeChat.Messages;

/// <summary>An article of a news (图文) reply.</summary>
/// <param name="Title">Title.</param>
/// <param name="Description">Summary shown under the title.</param>
/// <param name="PicUrl">Cover image (large 360×200, small 200×200).</param>
/// <param name="Url">Where a tap leads.</param>
public sealed record NewsArticle(string Title, string Description, string PicUrl, string Url);

/// <summary>
/// Passive replies: the XML answered in the HTTP response to a push. <c>ToUserName</c> is the member,
/// <c>FromUserName</c> our account, i.e. the received message's fields swapped.
/// </summary>
public static class PassiveReply
{
    /// <summary>What to answer when there is nothing to say: WeChat accepts "success" or an empty body.</summary>
    public const string Success = "success";

    /// <summary>A text reply to <paramref name="received"/>.</summary>
    public static string Text(WeChatMessage received, string content, long createTime)
        => Envelope(received, createTime, "text", "<Content>" + XmlText.CData(content) + "</Content>");

    /// <summary>
    /// A news reply. WeChat shows one article when answering a member's message and up to eight otherwise,
    /// so more than eight is refused here.
    /// </summary>
    public static string News(WeChatMessage received, IReadOnlyList<NewsArticle> articles, long createTime)
    {
        if (articles.Count is < 1 or > 8) throw new ArgumentOutOfRangeException(nameof(articles), "A news reply carries 1 to 8 articles.");
        var body = new StringBuilder();
        body.Append("<ArticleCount>").Append(articles.Count.ToString(CultureInfo.InvariantCulture)).Append("</ArticleCount><Articles>");
        foreach (var a in articles)
            body.Append("<item><Title>").Append(XmlText.CData(a.Title)).Append("</Title><Description>").Append(XmlText.CData(a.Description))
                .Append("</Description><PicUrl>").Append(XmlText.CData(a.PicUrl)).Append("</PicUrl><Url>").Append(XmlText.CData(a.Url))
                .Append("</Url></item>");
        body.Append("</Articles>");
        return Envelope(received, createTime, "news", body.ToString());
    }

    private static string Envelope(WeChatMessage received, long createTime, string type, string body)
        => "<xml><ToUserName>" + XmlText.CData(received.FromUserName) + "</ToUserName><FromUserName>" + XmlText.CData(received.ToUserName) +
           "</FromUserName><CreateTime>" + createTime.ToString(CultureInfo.InvariantCulture) + "</CreateTime><MsgType>" + XmlText.CData(type) +
           "</MsgType>" + body + "</xml>";
}
