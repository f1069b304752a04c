namespace Learn.Core.Notifications;

/// <summary>Stable codes in <see cref="OutboxMessage.FinalReason"/>; reports group by them, the admin shows the Chinese.</summary>
public static class DeliveryReasons
{
    public const string NoWeChat = "no-wechat";
    public const string NoConsentNotFollowing = "no-consent-not-following";
    public const string NotFollowing = "not-following";
    public const string InDoubt = "in-doubt";
    public const string RetriesExhausted = "retries-exhausted";
    public const string Rejected = "rejected";
    public const string TemplateNotConfigured = "template-not-configured";

    public static string ToChinese(string? reason) => reason switch
    {
        NoWeChat => "未绑定微信",
        NoConsentNotFollowing => "未订阅且未关注公众号",
        NotFollowing => "未关注公众号",
        InDoubt => "发送结果未知（进程中断），为避免重复未重发",
        RetriesExhausted => "多次重试仍失败",
        Rejected => "微信拒绝发送",
        TemplateNotConfigured => "消息模板未配置",
        null => "",
        _ => reason,
    };
}
