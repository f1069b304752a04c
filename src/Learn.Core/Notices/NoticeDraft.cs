using Learn.Core.Notifications;
using Learn.Core.Organizers;

namespace Learn.Core.Notices;

/// <summary>
/// A notice as the organiser filled it in: text, channel, and either their whole subtree or some branches of it.
/// <see cref="Check"/> gives every field's Chinese message at once.
/// </summary>
public sealed record NoticeDraft(string? Title, string? Content, NotificationChannel Channel, bool WholeSubtree, IReadOnlyList<long> OrganizationIds)
{
    public string CleanTitle => (Title ?? "").Trim();
    public string CleanContent => (Content ?? "").Trim();

    /// <summary>Field → messages; empty when the draft can be sent.</summary>
    public Dictionary<string, string[]> Check()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Text("title", "通知标题", CleanTitle);
        Text("content", "通知内容", CleanContent);
        if (!Enum.IsDefined(Channel)) errors["channel"] = ["请选择发送方式：公众号模板消息或小程序订阅消息。"];
        if (!WholeSubtree && OrganizationIds.Count == 0) errors["organizationIds"] = ["请至少选择一个支部，或选择发给管理范围内的全体党员。"];
        return errors;

        void Text(string field, string label, string text)
        {
            if (text.Length == 0) errors[field] = [$"请填写{label}。"];
            else if (text.Length > NoticeMessage.FieldLimit)
                errors[field] = [$"{label}有 {text.Length} 个字，微信消息每项最多 {NoticeMessage.FieldLimit} 个字。"];
            else if (text.IndexOfAny(['\r', '\n']) >= 0) errors[field] = [$"{label}不能换行（微信消息不支持换行）。"];
        }
    }

    public static Refusal Invalid(Dictionary<string, string[]> errors) =>
        new(Microsoft.AspNetCore.Http.StatusCodes.Status400BadRequest, Problems.ProblemTypes.Validation, "提交的内容有误", errors);
}
