namespace Learn.Core.Holidays;

/// <summary>
/// Solar terms from the sun's apparent ecliptic longitude (Meeus, <i>Astronomical Algorithms</i>, ch. 25,
/// low-accuracy series: about 0.01°, i.e. a quarter of an hour), dated in Beijing time. Good for 1900–2100;
/// the lookup-table alternatives only cover a fixed range and the "[Y·D+C]−L" formula needs exceptions.
/// </summary>
public static class SolarTerms
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>清明: the sun at 15° longitude, early April.</summary>
    public static DateOnly Qingming(int year) => DateOnly.FromDateTime(InstantOf(15, new DateTime(year, 4, 4, 0, 0, 0, DateTimeKind.Utc)).ToOffset(Beijing).DateTime);

    /// <summary>The instant the sun's apparent longitude reaches <paramref name="longitude"/> degrees, near <paramref name="guessUtc"/>.</summary>
    public static DateTimeOffset InstantOf(double longitude, DateTime guessUtc)
    {
        var jd = JulianDay(guessUtc);
        for (var i = 0; i < 8; i++)
        {
            var delta = Normalize(longitude - ApparentLongitude(jd));
            jd += delta / 0.98564736; // the sun's mean motion, degrees per day
            if (Math.Abs(delta) < 1e-7) break;
        }
        var utc = new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc).AddDays(jd - 2451545.0);
        return new DateTimeOffset(utc);
    }

    /// <summary>Apparent geocentric longitude of the sun in degrees at Julian day <paramref name="jd"/>.</summary>
    public static double ApparentLongitude(double jd)
    {
        var t = (jd - 2451545.0) / 36525.0;
        var l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
        var m = Radians(357.52911 + 35999.05029 * t - 0.0001537 * t * t);
        var c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.Sin(m)
              + (0.019993 - 0.000101 * t) * Math.Sin(2 * m)
              + 0.000289 * Math.Sin(3 * m);
        var omega = Radians(125.04 - 1934.136 * t);
        return Normalize360(l0 + c - 0.00569 - 0.00478 * Math.Sin(omega));
    }

    private static double JulianDay(DateTime utc) => 2451545.0 + (utc - new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc)).TotalDays;

    private static double Radians(double degrees) => degrees * Math.PI / 180;

    private static double Normalize360(double degrees) => ((degrees % 360) + 360) % 360;

    private static double Normalize(double degrees) => Normalize360(degrees + 180) - 180;
}
