using System.Net.Http.Headers;
using System.Text;
using NPOI.XSSF.UserModel;

namespace Learn.Admin.Tests.Api.Roster;

/// <summary>Builds roster files the way organisers send them: CSV text, or an XLSX made with NPOI.</summary>
internal static class RosterFiles
{
    public const string Header = "姓名,性别,手机号,所在组织,入党日期,转正日期,党内职务,是否领导干部";

    public static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(Header + "\n" + string.Join("\n", rows) + "\n");

    public static byte[] Xlsx(IEnumerable<string[]> rows)
    {
        var workbook = new XSSFWorkbook();
        var sheet = workbook.CreateSheet("名册");
        var header = sheet.CreateRow(0);
        var columns = Header.Split(',');
        for (var c = 0; c < columns.Length; c++) header.CreateCell(c).SetCellValue(columns[c]);
        var r = 1;
        foreach (var values in rows)
        {
            var row = sheet.CreateRow(r++);
            for (var c = 0; c < values.Length; c++) row.CreateCell(c).SetCellValue(values[c]);
        }
        var buffer = new MemoryStream();
        workbook.Write(buffer);
        return buffer.ToArray();
    }

    public static MultipartFormDataContent Upload(byte[] content, string fileName)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }
}
