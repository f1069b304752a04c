using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using NPOI.SS.UserModel;
using NPOI.XSSF.UserModel;

namespace Learn.Core.Members.Roster;

/// <summary>A roster file's cells as text, with the row numbers the organiser sees in Excel (header = 1).</summary>
public sealed record RosterTable(IReadOnlyList<string> Header, IReadOnlyList<(int Row, string[] Cells)> Rows);

/// <summary>Reads CSV and XLSX roster files into <see cref="RosterTable"/>; null when the file is neither.</summary>
public static class RosterFile
{
    static RosterFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static bool IsXlsx(ReadOnlySpan<byte> bytes) => bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K'; // a zip

    public static RosterTable? Read(byte[] bytes)
    {
        try
        {
            return IsXlsx(bytes) ? ReadXlsx(bytes) : ReadCsv(bytes);
        }
        // NPOI and SharpZipLib throw a zoo of exception types on a damaged file; any of them means "not a roster".
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            return null;
        }
    }

    private static RosterTable ReadCsv(byte[] bytes)
    {
        var text = Decode(bytes);
        using var parser = new CsvParser(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = false });
        string[]? header = null;
        var rows = new List<(int, string[])>();
        while (parser.Read())
        {
            var record = parser.Record ?? [];
            if (header is null) { header = record; continue; }
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add((parser.Row, record));
        }
        return new RosterTable(header ?? [], rows);
    }

    /// <summary>UTF-8 (with or without BOM); otherwise GB18030, which Excel on Chinese Windows writes.</summary>
    private static string Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    private static RosterTable ReadXlsx(byte[] bytes)
    {
        var workbook = new XSSFWorkbook(new MemoryStream(bytes));
        var sheet = workbook.GetSheetAt(0);
        string[]? header = null;
        var rows = new List<(int, string[])>();
        for (var r = sheet.FirstRowNum; r <= sheet.LastRowNum; r++)
        {
            var row = sheet.GetRow(r);
            if (row is null) continue;
            var cells = Enumerable.Range(0, Math.Max((int)row.LastCellNum, 0)).Select(c => Text(row.GetCell(c))).ToArray();
            if (header is null) { header = cells; continue; }
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add((r + 1, cells));
        }
        return new RosterTable(header ?? [], rows);
    }

    private static string Text(ICell? cell)
    {
        if (cell is null) return "";
        var type = cell.CellType == CellType.Formula ? cell.CachedFormulaResultType : cell.CellType;
        return type switch
        {
            CellType.String => cell.StringCellValue ?? "",
            // Dates typed into Excel are numbers with a date format; mobiles typed as numbers need no ".0".
            CellType.Numeric when DateUtil.IsCellDateFormatted(cell) => cell.DateCellValue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            CellType.Numeric => cell.NumericCellValue.ToString("0.##########", CultureInfo.InvariantCulture),
            CellType.Boolean => cell.BooleanCellValue ? "是" : "否",
            _ => "",
        };
    }
}
