namespace Learn.Core.Holidays;

/// <summary>The holidays an integrity notice (节前廉政提醒) can precede. Names are part of the preview's JSON.</summary>
public enum Holiday
{
    /// <summary>元旦, 1 January.</summary>
    NewYear,
    /// <summary>春节, 正月初一.</summary>
    SpringFestival,
    /// <summary>清明, the solar term when the sun reaches 15° ecliptic longitude.</summary>
    Qingming,
    /// <summary>劳动节, 1 May.</summary>
    LabourDay,
    /// <summary>端午, 五月初五.</summary>
    DragonBoat,
    /// <summary>中秋, 八月十五.</summary>
    MidAutumn,
    /// <summary>国庆, 1 October.</summary>
    NationalDay,
}

public static class HolidayNames
{
    public static string ToChinese(this Holiday holiday) => holiday switch
    {
        Holiday.NewYear => "元旦",
        Holiday.SpringFestival => "春节",
        Holiday.Qingming => "清明节",
        Holiday.LabourDay => "劳动节",
        Holiday.DragonBoat => "端午节",
        Holiday.MidAutumn => "中秋节",
        Holiday.NationalDay => "国庆节",
        _ => holiday.ToString(),
    };
}
