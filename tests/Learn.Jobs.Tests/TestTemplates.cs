namespace Learn.Jobs.Tests;

/// <summary>Template ids and field maps the tests configure (the fake checks that every value is present).</summary>
public static class TestTemplates
{
    public const string BirthdayMini = "mp-birthday-template-000000000000000000001";
    public const string BirthdayOfficial = "oa-birthday-template-000000000000000000001";
    public const string DigestMini = "mp-digest-template-00000000000000000000002";
    public const string HolidayOfficial = "oa-holiday-template-0000000000000000000003";
    public const string TermMini = "mp-term-template-000000000000000000000004";
    public const string ResultMini = "mp-result-template-00000000000000000000006";
    public const string ReminderMini = "mp-reminder-template-000000000000000000007";
    public const string ReportReplyMini = "mp-report-reply-template-000000000000009";
    public const string ArticleOfficial = "oa-article-template-0000000000000000000008";
    public const string NoticeMini = "mp-notice-template-00000000000000000000005";
    public const string NoticeOfficial = "oa-notice-template-00000000000000000000005";

    /// <summary>A template for outbox tests: logical fields title and content.</summary>
    public const string Notice = "TestNotice";

    public static Dictionary<string, string?> Settings() => new()
    {
        ["Notifications:Templates:PoliticalBirthday:MiniProgramTemplateId"] = BirthdayMini,
        ["Notifications:Templates:PoliticalBirthday:MiniProgramFields:name"] = "thing1",
        ["Notifications:Templates:PoliticalBirthday:MiniProgramFields:years"] = "number2",
        ["Notifications:Templates:PoliticalBirthday:MiniProgramFields:date"] = "date3",
        ["Notifications:Templates:PoliticalBirthday:MiniProgramFields:note"] = "thing4",
        ["Notifications:Templates:PoliticalBirthday:OfficialAccountTemplateId"] = BirthdayOfficial,
        ["Notifications:Templates:PoliticalBirthdayDigest:MiniProgramTemplateId"] = DigestMini,
        ["Notifications:Templates:HolidayNotice:OfficialAccountTemplateId"] = HolidayOfficial,
        ["Notifications:Templates:TermReminder:MiniProgramTemplateId"] = TermMini,
        ["Notifications:Templates:ContestResult:MiniProgramTemplateId"] = ResultMini,
        ["Notifications:Templates:ContestReminder:MiniProgramTemplateId"] = ReminderMini,
        ["Notifications:Templates:QuestionReportReply:MiniProgramTemplateId"] = ReportReplyMini,
        ["Notifications:Templates:DailyArticle:OfficialAccountTemplateId"] = ArticleOfficial,
        // Organisers' notices (appsettings.json maps their fields; only the ids come from the deployment).
        ["Notifications:Templates:Notice:MiniProgramTemplateId"] = NoticeMini,
        ["Notifications:Templates:Notice:OfficialAccountTemplateId"] = NoticeOfficial,
        ["Notifications:Templates:TestNotice:MiniProgramTemplateId"] = NoticeMini,
        ["Notifications:Templates:TestNotice:MiniProgramFields:title"] = "thing1",
        ["Notifications:Templates:TestNotice:MiniProgramFields:content"] = "thing2",
        ["Notifications:Templates:TestNotice:OfficialAccountTemplateId"] = NoticeOfficial,
        ["Notifications:Templates:TestNotice:OfficialAccountFields:title"] = "keyword1",
        ["Notifications:Templates:TestNotice:OfficialAccountFields:content"] = "keyword2",
    };
}
