using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Learn.Core.Identity;
using Learn.Core.WeChatEvents;
using Learn.WeChat.Messages;

namespace Learn.Api.WeChat;

/// <summary>Turns WeChat's delivery and consent reports into <see cref="WeChatDeliveryEvent"/> rows.</summary>
internal static class DeliveryReports
{
    private static readonly HashSet<string> Events = new(StringComparer.OrdinalIgnoreCase)
    {
        "TEMPLATESENDJOBFINISH", "subscribe_msg_popup_event", "subscribe_msg_change_event", "subscribe_msg_sent_event",
    };

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static bool IsDeliveryReport(WeChatMessage m) => m.IsEvent && m.Event is { } e && Events.Contains(e);

    /// <summary>
    /// One row per template in a subscription event's <c>List</c>; one row for a template send job,
    /// whose <c>MsgID</c> (capital ID) and <c>Status</c> sit at the top level.
    /// </summary>
    public static List<WeChatDeliveryEvent> Rows(WeChatAppKind kind, string appId, WeChatMessage m, DateTime receivedAt)
    {
        var occurredAt = m.CreateTime > 0 ? DateTimeOffset.FromUnixTimeSeconds(m.CreateTime).UtcDateTime : receivedAt;
        WeChatDeliveryEvent Row(string? msgId, string? templateId, string? status, int? errorCode, object raw) => new()
        {
            AppKind = kind,
            AppId = appId,
            OpenId = Cut(m.FromUserName, 64)!,
            Event = Cut(m.Event, 64)!,
            MsgId = Cut(msgId, 64),
            TemplateId = Cut(templateId, 128),
            Status = Cut(status, 128),
            ErrorCode = errorCode,
            RawJson = JsonSerializer.Serialize(raw, Json),
            OccurredAt = occurredAt,
            ReceivedAt = receivedAt,
        };

        if (m.SubscribeItems.Count == 0) return [Row(m["MsgID"] ?? m.MsgId, null, m.Status, null, new { m.Fields })];
        return [.. m.SubscribeItems.Select(i =>
            Row(i.MsgId, i.TemplateId, i.SubscribeStatusString ?? i.ErrorStatus, i.ErrorCode, new { m.Fields, Item = i }))];
    }

    // Columns are bounded; WeChat's values are far shorter, but a push must never fail on a long one.
    private static string? Cut(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
