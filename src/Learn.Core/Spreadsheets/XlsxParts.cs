using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Learn.Core.Spreadsheets;

/// <summary>The shared string table, read forward-only with a cap on its entries (each part is also capped in characters).</summary>
internal static class XlsxSharedStrings
{
    /// <summary>20,000 rows of a dozen distinct texts fit many times over.</summary>
    public const int MaxEntries = 1_000_000;

    public static IReadOnlyList<string> Load(SharedStringTablePart? part)
    {
        var strings = new List<string>();
        if (part is null) return strings;
        using var reader = OpenXmlReader.Create(part);
        reader.Read(); // the reader starts before the root element
        while (!reader.EOF)
        {
            if (reader.IsStartElement && reader.ElementType == typeof(SharedStringItem))
            {
                if (strings.Count >= MaxEntries) throw new InvalidDataException("too many shared strings");
                var item = (SharedStringItem)reader.LoadCurrentElement()!;
                // Text runs only: phonetic hints (rPh) are not part of what the cell shows.
                strings.Add(item.Text?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text)));
            }
            else reader.Read();
        }
        return strings;
    }
}

/// <summary>Which cell styles show a number as a date (built-in date formats, or a custom format with y/m/d).</summary>
internal sealed class XlsxDateStyles(HashSet<uint> dateStyles)
{
    private static readonly HashSet<uint> BuiltInDateFormats = [14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58];

    public bool IsDate(uint? styleIndex) => styleIndex is { } i && dateStyles.Contains(i);

    /// <summary>Forward-only, like the sheet: a DOM of a bloated styles part would be the memory bomb the caps exist for.</summary>
    public static XlsxDateStyles Load(WorkbookStylesPart? part)
    {
        var styles = new HashSet<uint>();
        if (part is null) return new(styles);
        var custom = new HashSet<uint>();
        using var reader = OpenXmlReader.Create(part);
        var inCellFormats = false;
        uint index = 0;
        reader.Read(); // the reader starts before the root element
        while (!reader.EOF)
        {
            if (reader.ElementType == typeof(CellFormats)) inCellFormats = reader.IsStartElement;
            else if (reader.IsStartElement && reader.ElementType == typeof(NumberingFormat))
            {
                var id = Attribute(reader, "numFmtId");
                if (id is not null && IsDateFormat(reader.Attributes.FirstOrDefault(a => a.LocalName == "formatCode").Value)) custom.Add(id.Value);
            }
            else if (inCellFormats && reader.IsStartElement && reader.ElementType == typeof(CellFormat))
            {
                if (index >= MaxStyles) throw new InvalidDataException("too many cell styles");
                var id = Attribute(reader, "numFmtId") ?? 0;
                if (BuiltInDateFormats.Contains(id) || custom.Contains(id)) styles.Add(index);
                index++;
            }
            reader.Read();
        }
        return new(styles);
    }

    /// <summary>Excel itself allows 64,000 cell styles.</summary>
    private const uint MaxStyles = 65_000;

    private static uint? Attribute(OpenXmlReader reader, string name) =>
        uint.TryParse(reader.Attributes.FirstOrDefault(a => a.LocalName == name).Value, out var v) ? v : null;

    /// <summary>A format code with a y, d or m outside quotes and brackets, like "yyyy/m/d" or "yyyy\"年\"m\"月\"d\"日\"".</summary>
    private static bool IsDateFormat(string? code)
    {
        if (code is null) return false;
        var inQuotes = false;
        var inBrackets = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '\\') { i++; continue; }
            if (c == '"') inQuotes = !inQuotes;
            else if (!inQuotes && c == '[') inBrackets = true;
            else if (!inQuotes && c == ']') inBrackets = false;
            else if (!inQuotes && !inBrackets && c is 'y' or 'Y' or 'd' or 'D' or 'm' or 'M') return true;
        }
        return false;
    }
}
