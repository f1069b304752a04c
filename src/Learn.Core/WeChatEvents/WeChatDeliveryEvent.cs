using Learn.Core.Identity;

namespace Learn.Core.WeChatEvents;

/// <summary>
/// One delivery or consent report pushed by WeChat: <c>TEMPLATESENDJOBFINISH</c> (Official Account template
/// messages) and the <c>subscribe_msg_*</c> events (one row per template in the event's <c>List</c>).
/// Written by Learn.Api's push endpoints; read by the notification features to settle sends and consents.
/// </summary>
public class WeChatDeliveryEvent
{
    public long Id { get; set; }
    public WeChatAppKind AppKind { get; set; }

    /// <summary>Our account as WeChat names it in the push (<c>ToUserName</c>: gh_… or the app id).</summary>
    public required string AppId { get; set; }

    /// <summary>The member's openid in that app (<c>FromUserName</c>).</summary>
    public required string OpenId { get; set; }

    /// <summary>As sent: <c>TEMPLATESENDJOBFINISH</c>, <c>subscribe_msg_popup_event</c>, …</summary>
    public required string Event { get; set; }

    /// <summary><c>MsgID</c> of the message sent (template finish, subscription sent); null for consent events.</summary>
    public string? MsgId { get; set; }

    /// <summary>The template (subscription events); WeChat leaves it out of <c>TEMPLATESENDJOBFINISH</c>.</summary>
    public string? TemplateId { get; set; }

    /// <summary>
    /// WeChat's words, unchanged: <c>success</c>, <c>failed:user block</c>, <c>failed: system failed</c>;
    /// <c>accept</c> / <c>reject</c> / <c>ban</c> for consents; <c>ErrorStatus</c> of a sent event.
    /// </summary>
    public string? Status { get; set; }

    /// <summary><c>ErrorCode</c> of a subscription sent event (0 = delivered).</summary>
    public int? ErrorCode { get; set; }

    /// <summary>The push's fields (and this row's List item) as JSON, for anything not lifted into a column.</summary>
    public required string RawJson { get; set; }

    /// <summary>The push's <c>CreateTime</c>.</summary>
    public DateTime OccurredAt { get; set; }

    public DateTime ReceivedAt { get; set; }
}
