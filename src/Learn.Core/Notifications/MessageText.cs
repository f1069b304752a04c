using System.Globalization;

namespace Learn.Core.Notifications;

/// <summary>Values shaped for WeChat's message fields, which every job writes the same way.</summary>
public static class MessageText
{
    /// <summary>thing fields and template-message values hold at most 20 characters.</summary>
    public static string Fit(string text, int max = 20) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>A date as WeChat's date fields accept it: 2026年11月23日.</summary>
    public static string Date(DateOnly day) => day.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
}
