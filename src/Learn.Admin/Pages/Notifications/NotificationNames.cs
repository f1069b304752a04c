using Learn.Core.Notifications;

namespace Learn.Admin.Pages.Notifications;

/// <summary>What organisers read for the outbox's codes.</summary>
public static class NotificationNames
{
    public static string Template(string name) => name switch
    {
        "PoliticalBirthday" => "政治生日祝福",
        "PoliticalBirthdayDigest" => "支部政治生日提醒",
        "HolidayNotice" => "节前廉政提醒",
        "TermReminder" => "换届提醒",
        "ContestResult" => "竞赛成绩通知",
        "ContestReminder" => "竞赛截止提醒",
        "QuestionReportReply" => "答题纠错处理结果",
        "DailyArticle" => "每日文章推送",
        _ => name,
    };

    public static string Of(NotificationChannel channel) => channel switch
    {
        NotificationChannel.MiniProgramSubscribe => "小程序订阅消息",
        NotificationChannel.OfficialAccountTemplate => "公众号模板消息",
        _ => channel.ToString(),
    };

    public static string Of(CampaignAudience audience) => audience switch
    {
        CampaignAudience.Explicit => "指定党员",
        CampaignAudience.Everyone => "全体党员",
        CampaignAudience.LeadingCadres => "领导干部",
        _ => audience.ToString(),
    };

    public static string Of(CampaignState state) => state switch
    {
        CampaignState.Expanding => "正在生成收件人",
        CampaignState.Ready => "收件人已生成",
        _ => state.ToString(),
    };
}
