using System.Globalization;

namespace Learn.WeChat.Messages;

/// <summary>
/// A message or event pushed by WeChat, parsed from XML or JSON into one shape. The common fields have
/// properties; every other top-level field is in <see cref="Fields"/> under WeChat's own name.
/// </summary>
public sealed class WeChatMessage
{
    internal WeChatMessage(IReadOnlyDictionary<string, string> fields, IReadOnlyList<SubscribeMsgItem> subscribeItems)
    {
        Fields = fields;
        SubscribeItems = subscribeItems;
    }

    /// <summary>Every top-level scalar field, by its WeChat name (ordinal, case-sensitive).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>The <c>List</c> items of <c>subscribe_msg_popup_event</c> / <c>_change_event</c> / <c>_sent_event</c>.</summary>
    public IReadOnlyList<SubscribeMsgItem> SubscribeItems { get; }

    /// <summary>A field by name, or null.</summary>
    public string? this[string name] => Fields.TryGetValue(name, out var v) ? v : null;

    /// <summary>Our account (gh_… or the app id).</summary>
    public string ToUserName => this["ToUserName"] ?? "";

    /// <summary>The member's openid.</summary>
    public string FromUserName => this["FromUserName"] ?? "";

    /// <summary>Unix seconds (0 when missing).</summary>
    public long CreateTime => long.TryParse(this["CreateTime"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) ? t : 0;

    /// <summary><c>text</c>, <c>image</c>, <c>event</c>, …</summary>
    public string MsgType => this["MsgType"] ?? "";

    /// <summary>
    /// Ordinary messages carry <c>MsgId</c>; <c>TEMPLATESENDJOBFINISH</c> carries <c>MsgID</c>. Kept as text:
    /// Mini Program ids are not always numeric.
    /// </summary>
    public string? MsgId => this["MsgId"] ?? this["MsgID"];

    /// <summary>True for events (<c>MsgType=event</c>).</summary>
    public bool IsEvent => string.Equals(MsgType, "event", StringComparison.Ordinal);

    /// <summary>The event name as sent (<c>subscribe</c>, <c>CLICK</c>, <c>TEMPLATESENDJOBFINISH</c>, …).</summary>
    public string? Event => this["Event"];

    /// <summary>Menu key or QR scene.</summary>
    public string? EventKey => this["EventKey"];

    /// <summary>Text content.</summary>
    public string? Content => this["Content"];

    /// <summary>Delivery status of <c>TEMPLATESENDJOBFINISH</c> (<c>success</c>, <c>failed:user block</c>, <c>failed: system failed</c>).</summary>
    public string? Status => this["Status"];
}

/// <summary>One template's entry in a subscription event.</summary>
/// <param name="TemplateId">The template.</param>
/// <param name="SubscribeStatusString"><c>accept</c> / <c>reject</c> / <c>ban</c> / <c>filter</c> / <c>acceptWithAudio</c> (popup and change events).</param>
/// <param name="PopupScene">Where the popup was shown (popup event).</param>
/// <param name="MsgId"><c>MsgID</c> of the sent message (sent event).</param>
/// <param name="ErrorCode">Delivery result code (sent event; 0 = delivered).</param>
/// <param name="ErrorStatus">Delivery result text (sent event).</param>
public sealed record SubscribeMsgItem(
    string TemplateId, string? SubscribeStatusString, string? PopupScene, string? MsgId, int? ErrorCode, string? ErrorStatus)
{
    internal static SubscribeMsgItem From(Func<string, string?> get) => new(
        get("TemplateId") ?? "",
        get("SubscribeStatusString"),
        get("PopupScene"),
        get("MsgID") ?? get("MsgId"),
        int.TryParse(get("ErrorCode"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : null,
        get("ErrorStatus"));
}

/// <summary>The push body is not a well-formed WeChat message.</summary>
public sealed class WeChatMessageFormatException(string message, Exception? inner = null) : Exception(message, inner);
