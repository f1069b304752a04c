namespace Learn.Admin.Tests.Support;

/// <summary>The WeChat template settings of the test deployment, given to the admin site and Learn.Jobs alike.</summary>
public static class WeChatTemplates
{
    public const string BirthdayMini = "mp-birthday-0000000000000000000000000001";

    public static Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>();
        foreach (var name in new[] { "PoliticalBirthday", "PoliticalBirthdayDigest", "TermReminder", "ContestResult", "ContestReminder", "QuestionReportReply" })
        {
            settings[$"Notifications:Templates:{name}:MiniProgramTemplateId"] = name == "PoliticalBirthday" ? BirthdayMini : "mp-" + name.ToLowerInvariant();
            settings[$"Notifications:Templates:{name}:OfficialAccountTemplateId"] = "oa-" + name.ToLowerInvariant();
            settings[$"Notifications:Templates:{name}:MiniProgramFields:name"] = "thing1";
            settings[$"Notifications:Templates:{name}:OfficialAccountFields:name"] = "keyword1";
        }
        foreach (var name in new[] { "HolidayNotice", "DailyArticle" })
        {
            settings[$"Notifications:Templates:{name}:OfficialAccountTemplateId"] = "oa-" + name.ToLowerInvariant();
            settings[$"Notifications:Templates:{name}:OfficialAccountFields:title"] = "keyword1";
        }
        settings["Notifications:Templates:HolidayNotice:OfficialAccountFields:content"] = "keyword2";
        settings["Notifications:Templates:HolidayNotice:OfficialAccountFields:date"] = "keyword3";
        return settings;
    }
}
