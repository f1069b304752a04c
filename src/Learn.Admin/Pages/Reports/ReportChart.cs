using Learn.Core.Reports;

namespace Learn.Admin.Pages.Reports;

/// <summary>
/// The bar chart of 参学率 drawn on the server as inline SVG: no script and nothing from a CDN, so it shows under the
/// site's Content-Security-Policy, prints, and is checked by the browser tests like any other markup.
/// </summary>
public sealed record ReportChart(IReadOnlyList<ReportChart.Bar> Bars, int Width, int Height)
{
    public const int MaxBars = 20;
    private const int LabelWidth = 190, BarArea = 460, RowHeight = 28, Top = 8;

    public sealed record Bar(string Name, string Value, int Y, int Width, int Rank);

    public int LabelX => LabelWidth - 8;
    public int BarX => LabelWidth;
    public int BarHeight => RowHeight - 10;

    public static ReportChart Of(ParticipationReport report)
    {
        var ranked = report.Ranked().Take(MaxBars).ToList();
        var bars = ranked.Select((u, i) => new Bar(u.Name, IndexModel.Percent(u.Rate), Top + i * RowHeight,
            (int)Math.Round(u.Rate * BarArea), u.Rank)).ToList();
        return new ReportChart(bars, LabelWidth + BarArea + 70, Top * 2 + bars.Count * RowHeight);
    }
}
