using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Learn.Core.Spreadsheets;

/// <summary>
/// The first sheet of an XLSX, row by row through the Open XML SDK's forward-only reader: only one row's
/// cells are ever loaded, never the sheet. Parts are capped in characters, so neither a bloated shared
/// string table nor a giant cell can be made to fill memory (the row cap does the rest, in the caller).
/// </summary>
internal static class XlsxSheetReader
{
    /// <summary>Per part, in characters of XML: 20,000 full roster rows are about 5 million.</summary>
    public const long MaxCharactersInPart = 40_000_000;

    /// <summary>Columns past this are ignored: every format we read has fewer than twenty.</summary>
    public const int MaxColumns = 64;

    public static IEnumerable<(int Number, string[] Cells)> Rows(Stream content)
    {
        using var document = SpreadsheetDocument.Open(content, false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook");
        var part = (WorksheetPart)workbook.GetPartById(FirstSheetId(workbook));
        var strings = XlsxSharedStrings.Load(workbook.SharedStringTablePart);
        var dates = XlsxDateStyles.Load(workbook.WorkbookStylesPart);

        using var reader = OpenXmlReader.Create(part);
        var number = 0;
        string[]? cells = null;
        var nextColumn = 0;
        reader.Read(); // the reader starts before the root element
        while (!reader.EOF)
        {
            if (reader.IsStartElement && reader.ElementType == typeof(Row))
            {
                if (cells is not null) yield return (number, cells);
                var r = reader.Attributes.FirstOrDefault(a => a.LocalName == "r").Value;
                number = int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > number ? n : number + 1;
                cells = [];
                nextColumn = 0;
                reader.Read();
            }
            else if (reader.IsStartElement && reader.ElementType == typeof(Cell) && cells is not null)
            {
                var cell = (Cell)reader.LoadCurrentElement()!; // moves the reader past the cell
                var column = ColumnIndex(cell.CellReference?.Value) ?? nextColumn;
                nextColumn = column + 1;
                if (column >= MaxColumns) continue;
                if (column >= cells.Length) Array.Resize(ref cells, column + 1);
                cells[column] = Text(cell, strings, dates);
            }
            else reader.Read();
        }
        if (cells is not null) yield return (number, cells);
    }

    /// <summary>The first sheet's relationship id, read forward-only (workbook.xml could be bloated too).</summary>
    private static string FirstSheetId(WorkbookPart workbook)
    {
        using var reader = OpenXmlReader.Create(workbook);
        while (reader.Read())
        {
            if (reader.IsStartElement && reader.ElementType == typeof(Sheet))
                return reader.Attributes.FirstOrDefault(a => a.LocalName == "id").Value ?? throw new InvalidDataException("no sheet id");
        }
        throw new InvalidDataException("no sheet");
    }

    private static string Text(Cell cell, IReadOnlyList<string> strings, XlsxDateStyles dates)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Count ? strings[i] : "";
        if (type == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        if (type == CellValues.Boolean) return raw == "1" ? "是" : "否";
        if (type == CellValues.Error) return "";
        if (type == CellValues.Date) return raw.Length >= 10 ? raw[..10] : raw;
        if (type is null || type == CellValues.Number)
        {
            if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return raw;
            // Dates typed into Excel are numbers with a date format; mobiles typed as numbers need no ".0".
            if (dates.IsDate(cell.StyleIndex?.Value) && value is > -657435 and < 2958466)
                return DateTime.FromOADate(value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return value.ToString("0.##########", CultureInfo.InvariantCulture);
        }
        return raw; // t="str": a formula's cached text
    }

    /// <summary>"BC12" → 54; null when the reference is missing or malformed.</summary>
    internal static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z') index = index * 26 + (c - 'A' + 1);
            else if (c is >= 'a' and <= 'z') index = index * 26 + (c - 'a' + 1);
            else break;
            if (++letters > 3) return null;
        }
        return letters == 0 ? null : index - 1;
    }
}
