using System.Globalization;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Learn.Core.Spreadsheets;

/// <summary>
/// Writes one sheet (a header row, then data rows) as CSV or XLSX, the one writer for every export.
/// Cells are text unless the value is a number (int, long, double, decimal), which XLSX keeps numeric
/// (for sums and charts in Excel); text stays text, so mobiles never turn into 1.38E+10.
/// </summary>
public static class SpreadsheetWriter
{
    public static byte[] ToBytes(SpreadsheetFormat format, string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var buffer = new MemoryStream();
        Write(buffer, format, sheetName, header, rows);
        return buffer.ToArray();
    }

    /// <summary>Writes to <paramref name="target"/> and leaves it open.</summary>
    public static void Write(Stream target, SpreadsheetFormat format, string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        if (format == SpreadsheetFormat.Csv) WriteCsv(target, header, rows);
        else WriteXlsx(target, sheetName, header, rows);
    }

    /// <summary>UTF-8 with a BOM: without it Excel on Windows reads the Chinese as GBK garbage.</summary>
    private static void WriteCsv(Stream target, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var writer = new StreamWriter(target, new UTF8Encoding(true), leaveOpen: true);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var cell in header) csv.WriteField(cell);
        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var cell in row) csv.WriteField(Invariant(cell));
            csv.NextRecord();
        }
    }

    /// <summary>Streamed with the SDK's forward-only writer: the sheet is never held as a DOM.</summary>
    private static void WriteXlsx(Stream target, string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        // The package is written into a buffer we own: the SDK closes what it writes to, callers keep their stream.
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheet))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                WriteRow(writer, header.Cast<object?>().ToList());
                foreach (var row in rows) WriteRow(writer, row);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = SheetName(sheetName) }));
        }
        buffer.Position = 0;
        buffer.CopyTo(target);
    }

    private static void WriteRow(OpenXmlWriter writer, IReadOnlyList<object?> cells)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in cells) writer.WriteElement(Cell(value));
        writer.WriteEndElement();
    }

    private static Cell Cell(object? value) => value switch
    {
        int or long or short or double or float or decimal => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Invariant(value)) },
        _ => new Cell
        {
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(XmlSafe(Invariant(value))) { Space = SpaceProcessingModeValues.Preserve }),
        },
    };

    private static string Invariant(object? value) => value switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>XML cannot carry control characters (a pasted form feed would break the whole file); they are dropped.</summary>
    private static string XmlSafe(string text) =>
        text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')) ? new string(text.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r').ToArray()) : text;

    /// <summary>Excel's rules: at most 31 characters, none of []:*?/\.</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Where(c => "[]:*?/\\".IndexOf(c) < 0).ToArray());
        return clean.Length == 0 ? "Sheet1" : clean[..Math.Min(31, clean.Length)];
    }
}
