using Learn.Core;
using Learn.Core.Contests;
using Learn.Core.Organizations;

namespace Learn.Admin.Pages.Contests;

/// <summary>Chinese names and Shanghai times for the contest pages.</summary>
public static class ContestNames
{
    public static string Of(ContestMode mode) => mode switch
    {
        ContestMode.Timed => "限时答题",
        ContestMode.Challenge => "挑战答题",
        ContestMode.Live => "直播竞答",
        _ => mode.ToString(),
    };

    public static string StateOf(Contest c, DateTime now) =>
        c.ClosedAt is not null ? "已结束" : now < c.StartsAt ? "未开始" : now >= c.EndsAt ? "待结算" : "进行中";

    public static string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, Shanghai.Zone).ToString("yyyy-MM-dd HH:mm");

    public static DateTime ToUtc(DateTime shanghaiLocal) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(shanghaiLocal, DateTimeKind.Unspecified), Shanghai.Zone);

    public static DateTime ToShanghai(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Shanghai.Zone);
}
