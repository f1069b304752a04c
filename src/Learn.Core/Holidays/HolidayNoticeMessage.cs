using Learn.Core.Notifications;

namespace Learn.Core.Holidays;

/// <summary>
/// The template data of one holiday's integrity notice, from the organisers' text. The job sends exactly this;
/// the admin site's template preview calls it too, so what organisers preview is what members get.
/// </summary>
public static class HolidayNoticeMessage
{
    public const string HolidayPlaceholder = "{holiday}";

    /// <summary>The notification template the notices are sent with.</summary>
    public const string Template = "HolidayNotice";

    public static Dictionary<string, string> Data(HolidayNoticeSetting setting, Holiday holiday, DateOnly date)
    {
        var name = holiday.ToChinese();
        return new Dictionary<string, string>
        {
            ["title"] = MessageText.Fit(Fill(setting.Title, name)),
            ["content"] = MessageText.Fit(Fill(setting.Content, name)),
            ["date"] = MessageText.Date(date),
        };
    }

    /// <summary>The text with the holiday's name in place of <see cref="HolidayPlaceholder"/>.</summary>
    public static string Fill(string text, string holidayName) => text.Replace(HolidayPlaceholder, holidayName, StringComparison.Ordinal);
}
