using System.Globalization;

namespace Learn.Api.Tests.WeChat;

/// <summary>Push bodies shaped like WeChat's (field order and CDATA as in Tencent's documentation).</summary>
public static class Pushes
{
    public const string Account = "gh_97417a04a28d";

    public static string NewOpenId() => "o" + Guid.NewGuid().ToString("N")[..27];

    public static string Text(string openId, string content, long createTime, long msgId) =>
        $"<xml><ToUserName><![CDATA[{Account}]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName>" +
        $"<CreateTime>{createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content>" +
        $"<MsgId>{msgId}</MsgId></xml>";

    public static string Event(string openId, string ev, long createTime, string? eventKey = null, string extra = "") =>
        $"<xml><ToUserName><![CDATA[{Account}]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName>" +
        $"<CreateTime>{createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{ev}]]></Event>" +
        (eventKey is null ? "" : $"<EventKey><![CDATA[{eventKey}]]></EventKey>") + extra + "</xml>";

    /// <summary>What WeChat pushes when a template message has been delivered or has failed.</summary>
    public static string TemplateSendJobFinish(string openId, long createTime, long msgId, string status) =>
        Event(openId, "TEMPLATESENDJOBFINISH", createTime, extra:
            $"<MsgID>{msgId.ToString(CultureInfo.InvariantCulture)}</MsgID><Status><![CDATA[{status}]]></Status>");
}
