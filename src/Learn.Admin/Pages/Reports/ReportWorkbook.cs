using Learn.Core.Organizations;
using Learn.Core.Reports;
using NPOI.XSSF.UserModel;

namespace Learn.Admin.Pages.Reports;

/// <summary>
/// The report as an XLSX sheet, one row per unit in tree order (names indented by level), figures as numbers so
/// they can be summed and sorted in Excel. NPOI, as the other exports use today: the single spreadsheet module
/// under way on the uploads branch replaces it (ADR 0203).
/// </summary>
public static class ReportWorkbook
{
    public static readonly string[] Header = ["单位", "类型", "应参学人数", "参学人数", "参学率", "积分", "人均积分", "同类排名"];

    public static byte[] Xlsx(ParticipationReport report)
    {
        var workbook = new XSSFWorkbook();
        var sheet = workbook.CreateSheet("参学统计");
        sheet.CreateRow(0).CreateCell(0).SetCellValue(report.Title);
        var header = sheet.CreateRow(1);
        for (var c = 0; c < Header.Length; c++) header.CreateCell(c).SetCellValue(Header[c]);
        var percent = workbook.CreateCellStyle();
        percent.DataFormat = workbook.CreateDataFormat().GetFormat("0.0%");
        var i = 2;
        foreach (var u in report.Units)
        {
            var row = sheet.CreateRow(i++);
            row.CreateCell(0).SetCellValue(new string('　', u.Depth) + u.Name);
            row.CreateCell(1).SetCellValue(u.Kind.ToChinese());
            row.CreateCell(2).SetCellValue(u.Members);
            row.CreateCell(3).SetCellValue(u.Participants);
            var rate = row.CreateCell(4);
            rate.SetCellValue(Math.Round(u.Rate, 4));
            rate.CellStyle = percent;
            row.CreateCell(5).SetCellValue(u.Points);
            row.CreateCell(6).SetCellValue(Math.Round(u.PointsPerMember, 2));
            row.CreateCell(7).SetCellValue(u.Rank);
        }
        sheet.SetColumnWidth(0, 40 * 256);
        var buffer = new MemoryStream();
        workbook.Write(buffer);
        return buffer.ToArray();
    }
}
