namespace Learn.Core.Spreadsheets;

/// <summary>The two file kinds organisers exchange with Excel.</summary>
public enum SpreadsheetFormat
{
    Csv,
    Xlsx,
}

/// <summary>File names, content types and sniffing for <see cref="SpreadsheetFormat"/>.</summary>
public static class SpreadsheetFormats
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv; charset=utf-8";

    public static string ContentType(this SpreadsheetFormat format) =>
        format == SpreadsheetFormat.Xlsx ? XlsxContentType : CsvContentType;

    public static string Extension(this SpreadsheetFormat format) => format == SpreadsheetFormat.Xlsx ? ".xlsx" : ".csv";

    /// <summary>"csv" or "xlsx" (any case), as query strings and form fields carry it.</summary>
    public static SpreadsheetFormat? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "csv" => SpreadsheetFormat.Csv,
        "xlsx" => SpreadsheetFormat.Xlsx,
        _ => null,
    };

    /// <summary>By the file name's extension (.csv / .xlsx); null for anything else.</summary>
    public static SpreadsheetFormat? FromFileName(string? name) => Parse(Path.GetExtension(name ?? "").TrimStart('.'));

    /// <summary>By content: an XLSX is a zip ("PK"), anything else is read as CSV. The stream is left where it was.</summary>
    public static SpreadsheetFormat Sniff(Stream content)
    {
        if (!content.CanSeek) throw new ArgumentException("Sniffing needs a seekable stream.", nameof(content));
        var start = content.Position;
        Span<byte> head = stackalloc byte[2];
        var read = content.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        content.Position = start;
        return read == 2 && head[0] == 'P' && head[1] == 'K' ? SpreadsheetFormat.Xlsx : SpreadsheetFormat.Csv;
    }
}
