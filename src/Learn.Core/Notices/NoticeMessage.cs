using Learn.Core.Notifications;

namespace Learn.Core.Notices;

/// <summary>
/// What a member receives for a notice, the same for the preview and the send: template <c>Notice</c> with the
/// logical fields title, content, sender and date, which each channel maps to its own keys
/// (<c>Notifications:Templates:Notice</c>).
/// </summary>
public static class NoticeMessage
{
    public const string Template = "Notice";

    /// <summary>WeChat's limit for a thing field and a template-message value (no line breaks either).</summary>
    public const int FieldLimit = 20;

    /// <summary>Logical field and what organisers call it, in the order the message shows them.</summary>
    public static readonly IReadOnlyList<(string Field, string Label)> Fields =
        [("title", "通知标题"), ("content", "通知内容"), ("sender", "发布单位"), ("date", "发布日期")];

    public static Dictionary<string, string> Data(string title, string content, string sender, DateOnly date) => new(StringComparer.Ordinal)
    {
        ["title"] = title,
        ["content"] = content,
        ["sender"] = MessageText.Fit(sender),
        ["date"] = MessageText.Date(date),
    };
}
