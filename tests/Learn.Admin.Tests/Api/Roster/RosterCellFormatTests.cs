using System.Net;
using System.Text;
using Learn.Admin.Tests.Api.Organizers;
using Microsoft.EntityFrameworkCore;
using NPOI.XSSF.UserModel;
using Learn.Admin.Tests.Support;

namespace Learn.Admin.Tests.Api.Roster;

/// <summary>What Excel really produces: date cells, mobiles typed as numbers, CSV saved as GB18030.</summary>
public class RosterCellFormatTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    [Fact]
    public async Task Xlsx_date_cells_and_numeric_mobiles_are_read_as_typed()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        var workbook = new XSSFWorkbook();
        var sheet = workbook.CreateSheet("名册");
        var header = sheet.CreateRow(0);
        var columns = RosterFiles.Header.Split(',');
        for (var c = 0; c < columns.Length; c++) header.CreateCell(c).SetCellValue(columns[c]);
        var dateStyle = workbook.CreateCellStyle();
        dateStyle.DataFormat = workbook.CreateDataFormat().GetFormat("yyyy/m/d");
        var row = sheet.CreateRow(1);
        row.CreateCell(0).SetCellValue("单元格党员");
        row.CreateCell(1).SetCellValue("男");
        row.CreateCell(2).SetCellValue(13566667777d);
        row.CreateCell(3).SetCellValue($"{w.Committee.Name}/第一党总支/第一党支部");
        var joined = row.CreateCell(4);
        joined.SetCellValue(new DateTime(2008, 7, 1));
        joined.CellStyle = dateStyle;
        var buffer = new MemoryStream();
        workbook.Write(buffer);

        var response = await w.Secretary1.PostAsync("/api/admin/roster/import", RosterFiles.Upload(buffer.ToArray(), "excel.xlsx"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var member = await factory.WithDbAsync(db => db.Members.SingleAsync(m => m.Name == "单元格党员"));
        member.JoinedPartyOn.ShouldBe(new DateOnly(2008, 7, 1));
        member.MobileMasked.ShouldBe("135****7777");
    }

    [Fact]
    public async Task Csv_saved_by_chinese_excel_in_gb18030_is_read()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = RosterFiles.Header + $"\n国标党员,女,13566668888,{w.Committee.Name}/第一党总支/第一党支部,2011-07-01,,,否\n";

        var response = await w.Secretary1.PostAsync("/api/admin/roster/import", RosterFiles.Upload(Encoding.GetEncoding("GB18030").GetBytes(text), "gbk.csv"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await factory.WithDbAsync(db => db.Members.CountAsync(m => m.Name == "国标党员"))).ShouldBe(1);
    }
}
