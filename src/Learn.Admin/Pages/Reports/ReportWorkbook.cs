using Learn.Core.Organizations;
using Learn.Core.Reports;
using Learn.Core.Spreadsheets;

namespace Learn.Admin.Pages.Reports;

/// <summary>
/// The report as an XLSX sheet through the one spreadsheet writer (ADR 0802): one row per unit in tree order
/// (names indented by level), figures as numbers so they can be summed, sorted and charted in Excel.
/// </summary>
public static class ReportWorkbook
{
    public static readonly string[] Header = ["单位", "类型", "应参学人数", "参学人数", "参学率（%）", "积分", "人均积分", "同类排名"];

    public static byte[] Xlsx(ParticipationReport report) =>
        SpreadsheetWriter.ToBytes(SpreadsheetFormat.Xlsx, "参学统计", Header, report.Units.Select(u => (IReadOnlyList<object?>)
            [new string('　', u.Depth) + u.Name, u.Kind.ToChinese(), u.Members, u.Participants, Math.Round(u.Rate * 100, 1),
                u.Points, Math.Round(u.PointsPerMember, 2), u.Rank]));
}
