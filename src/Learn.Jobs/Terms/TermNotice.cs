using System.Globalization;
using Learn.Core.Organizations;

namespace Learn.Jobs.Terms;

/// <summary>
/// What the term reminder says about one organisation, and the campaign key that makes it at most once: once per term
/// for a term ending soon (换届提醒); for an expired one (超期未换届) once per <c>everyDays</c> period since it ended,
/// or once per term when <c>everyDays</c> is 0. The key names the term's end, so a renewed term starts afresh.
/// </summary>
internal sealed record TermNotice(string Key, string Title, string Note)
{
    public static TermNotice For(Organization org, DateOnly today, int everyDays)
    {
        var end = org.TermEnd!.Value;
        var termKey = $"{org.Id}:{end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        var daysLeft = end.DayNumber - today.DayNumber;
        if (daysLeft >= 0)
            return new($"term-reminder:{termKey}", "换届提醒", $"届期还有{Days(daysLeft)}天，请及时做好换届准备");

        // Day 1 overdue opens period 0; with a weekly cadence days 1–7 share a key, days 8–14 the next, …
        var overdue = -daysLeft;
        var period = everyDays == 0 ? "" : ":" + Days((overdue - 1) / everyDays);
        return new($"term-overdue:{termKey}{period}", "超期未换届", $"超期未换届已{Days(overdue)}天，请尽快组织换届");
    }

    private static string Days(int n) => n.ToString(CultureInfo.InvariantCulture);
}
