namespace Learn.Core.Spreadsheets;

/// <summary>One non-blank row of a file as text, numbered as Excel shows it (the first line is 1).</summary>
public sealed record SheetRow(int Number, IReadOnlyList<string> Cells)
{
    /// <summary>The cell at <paramref name="index"/>, or "" past the row's end.</summary>
    public string this[int index] => index < Cells.Count ? Cells[index] : "";
}

/// <summary>Why a file was not read, in Chinese for the organiser (the caller turns it into a problem answer).</summary>
public sealed class SpreadsheetRejectedException(string reason, bool tooManyRows = false) : Exception(reason)
{
    public bool TooManyRows { get; } = tooManyRows;
}

/// <summary>
/// Reads the first sheet of an XLSX, or a CSV (UTF-8, or GB18030 as Excel on Chinese Windows saves it), as
/// text rows. Both are read as streams and the row cap is applied while reading, so a small file that unpacks
/// to millions of rows is refused after the cap, not after it has been loaded (docs/decisions/0802).
/// </summary>
public static class SpreadsheetReader
{
    /// <summary>Blank rows between data rows are skipped, but only this many: a file of nothing but blank rows is no cheaper to read.</summary>
    public const int BlankRowAllowance = 10_000;

    /// <summary>
    /// The header (first non-blank row) and at most <paramref name="maxDataRows"/> data rows after it.
    /// Throws <see cref="SpreadsheetRejectedException"/> for a file that is not a spreadsheet or has more rows.
    /// </summary>
    public static List<SheetRow> Read(Stream content, SpreadsheetFormat format, int maxDataRows, CancellationToken ct = default)
    {
        var rows = new List<SheetRow>();
        var blank = 0;
        var source = format == SpreadsheetFormat.Xlsx ? XlsxSheetReader.Rows(content) : CsvSheetReader.Rows(content);
        try
        {
            foreach (var (number, cells) in source)
            {
                ct.ThrowIfCancellationRequested();
                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    if (++blank > BlankRowAllowance) throw TooMany(maxDataRows);
                    continue;
                }
                if (rows.Count > maxDataRows) throw TooMany(maxDataRows); // the header plus maxDataRows are already in
                rows.Add(new SheetRow(number, cells));
            }
        }
        catch (Exception e) when (e is not (SpreadsheetRejectedException or OperationCanceledException or OutOfMemoryException))
        {
            // A damaged zip, bad XML, a part over its character cap: the libraries throw many types; all mean "unreadable".
            throw new SpreadsheetRejectedException(format == SpreadsheetFormat.Xlsx
                ? "无法读取文件，XLSX 文件已损坏或过大；请用 Excel 另存为 XLSX 或 CSV 后重试"
                : "无法读取文件，请上传 CSV（UTF-8 或 GB18030 编码）或 XLSX 格式的文件");
        }
        return rows;
    }

    private static SpreadsheetRejectedException TooMany(int max) =>
        new($"文件超过{max}行，一次最多导入{max}行，请拆分后分批导入", tooManyRows: true);
}
