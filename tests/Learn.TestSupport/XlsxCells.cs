using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Learn.TestSupport;

/// <summary>
/// An exported XLSX's first sheet as text, through the Open XML SDK's document model rather than the product's
/// streaming reader, so a round trip checks the writer against an independent reading. Numbers keep their type in <see cref="Numeric"/>.
/// </summary>
public static class XlsxCells
{
    public static List<string[]> Read(byte[] xlsx) => Cells(xlsx).Select(r => r.Select(c => c.Text).ToArray()).ToList();

    /// <summary>Which cells of each row are stored as numbers.</summary>
    public static List<bool[]> Numeric(byte[] xlsx) => Cells(xlsx).Select(r => r.Select(c => c.Number).ToArray()).ToList();

    private static List<(string Text, bool Number)[]> Cells(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var first = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var sheet = (WorksheetPart)workbook.GetPartById(first.Id!.Value!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        return sheet.Worksheet.Descendants<Row>().Select(row => row.Elements<Cell>().Select(c =>
        {
            var type = c.DataType?.Value;
            if (type == CellValues.InlineString) return (c.InlineString!.InnerText, false);
            if (type == CellValues.SharedString) return (shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)], false);
            return (c.CellValue?.Text ?? "", type is null || type == CellValues.Number);
        }).ToArray()).ToList();
    }
}
