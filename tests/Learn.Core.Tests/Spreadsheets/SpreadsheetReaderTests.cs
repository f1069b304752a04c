using System.Text;
using Learn.Core.Spreadsheets;
using Learn.TestSupport;

namespace Learn.Core.Tests.Spreadsheets;

/// <summary>The one reader behind every import: Excel's cell kinds, both CSV encodings, and the caps applied while reading.</summary>
public class SpreadsheetReaderTests
{
    private static List<SheetRow> Read(byte[] bytes, int maxRows = 100)
    {
        using var stream = new MemoryStream(bytes);
        return SpreadsheetReader.Read(stream, SpreadsheetFormats.Sniff(stream), maxRows);
    }

    [Fact]
    public void Xlsx_written_as_excel_lays_it_out_reads_dates_numbers_and_text()
    {
        var file = HandMadeXlsx.FromRows([
            ["姓名", "手机号", "入党日期"],
            ["张三", 13800000000d, new DateOnly(2008, 7, 1)],
        ]);
        var rows = Read(file);
        rows.Select(r => string.Join("|", r.Cells)).ShouldBe(["姓名|手机号|入党日期", "张三|13800000000|2008-07-01"]);
        rows.Select(r => r.Number).ShouldBe([1, 2]);
    }

    [Fact]
    public void Gb18030_csv_is_recognised_and_utf8_with_a_bom_too()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        const string text = "姓名,所在组织\n李四,第一党支部\n";
        Read(Encoding.GetEncoding("GB18030").GetBytes(text))[1].Cells.ShouldBe(["李四", "第一党支部"]);
        Read([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)])[0].Cells.ShouldBe(["姓名", "所在组织"]);
    }

    [Theory]
    [InlineData(SpreadsheetFormat.Csv)]
    [InlineData(SpreadsheetFormat.Xlsx)]
    public void Writer_output_reads_back_cell_for_cell(SpreadsheetFormat format)
    {
        IReadOnlyList<object?>[] data = [["王五", "13800001111", 12, 3.5, null], ["  空格  ", "a,\"b\"\n换行", 0, -1.25, "x"]];
        var bytes = SpreadsheetWriter.ToBytes(format, "表", ["甲", "乙", "丙", "丁", "戊"], data);
        var rows = Read(bytes);
        rows[0].Cells.ShouldBe(["甲", "乙", "丙", "丁", "戊"]);
        rows[1].Cells.Take(4).ShouldBe(["王五", "13800001111", "12", "3.5"]);
        rows[2].Cells.ShouldBe(["  空格  ", "a,\"b\"\n换行", "0", "-1.25", "x"]);
    }

    [Fact]
    public void Rows_past_the_cap_are_refused_while_reading()
    {
        var file = HandMadeXlsx.Build(sheet =>
        {
            for (var i = 0; i < 1_000; i++) sheet.Write("<row><c t=\"inlineStr\"><is><t>同一行</t></is></c></row>");
        });
        Read(file, maxRows: 999).Count.ShouldBe(1_000);
        Should.Throw<SpreadsheetRejectedException>(() => Read(file, maxRows: 998)).TooManyRows.ShouldBeTrue();
    }

    [Fact]
    public void Something_else_is_refused_as_unreadable()
    {
        var e = Should.Throw<SpreadsheetRejectedException>(() => Read([(byte)'P', (byte)'K', 3, 4, 0, 0, 0]));
        e.TooManyRows.ShouldBeFalse();
        e.Message.ShouldStartWith("无法读取文件");
    }
}
