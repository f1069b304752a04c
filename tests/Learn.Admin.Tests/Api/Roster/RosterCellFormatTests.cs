using System.Net;
using System.Text;
using Learn.Admin.Tests.Api.Organizers;
using Microsoft.EntityFrameworkCore;
using Learn.TestSupport;
using Learn.Admin.Tests.Support;

namespace Learn.Admin.Tests.Api.Roster;

/// <summary>What Excel really produces: date cells, mobiles typed as numbers, CSV saved as GB18030.</summary>
public class RosterCellFormatTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    [Fact]
    public async Task Xlsx_date_cells_and_numeric_mobiles_are_read_as_typed()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        var file = HandMadeXlsx.FromRows([
            RosterFiles.Header.Split(','),
            ["单元格党员", "男", 13566667777d, $"{w.Committee.Name}/第一党总支/第一党支部", new DateOnly(2008, 7, 1)],
        ]);

        var response = await w.Secretary1.PostAsync("/api/admin/roster/import", RosterFiles.Upload(file, "excel.xlsx"));

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
