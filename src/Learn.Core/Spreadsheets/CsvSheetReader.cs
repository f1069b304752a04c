using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Learn.Core.Spreadsheets;

/// <summary>CSV rows from a stream: UTF-8 (with or without BOM), otherwise GB18030.</summary>
internal static class CsvSheetReader
{
    static CsvSheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static IEnumerable<(int Number, string[] Cells)> Rows(Stream content)
    {
        if (!content.CanSeek)
        {
            var copy = new MemoryStream(); // request bodies are size-capped before they get here
            content.CopyTo(copy);
            content = copy;
        }
        content.Position = 0;
        var encoding = IsUtf8(content) ? StrictUtf8 : Encoding.GetEncoding("GB18030");
        content.Position = 0;
        using var reader = new StreamReader(content, encoding, detectEncodingFromByteOrderMarks: encoding == StrictUtf8, leaveOpen: true);
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = false,
            BadDataFound = null, // a stray quote inside a field is kept as text, as Excel does
        });
        while (parser.Read())
        {
            var cells = parser.Record ?? [];
            if (cells.Length > 0) cells[0] = cells[0].TrimStart('\uFEFF');
            yield return (parser.Row, cells);
        }
    }

    /// <summary>
    /// Decides the encoding before parsing (one pass in small chunks), so a GB18030 file is never half
    /// parsed as UTF-8. Excel on Chinese Windows saves "CSV" in GB18030; valid UTF-8 from it is rare.
    /// </summary>
    private static bool IsUtf8(Stream content)
    {
        var decoder = StrictUtf8.GetDecoder();
        var bytes = new byte[64 * 1024];
        var chars = new char[StrictUtf8.GetMaxCharCount(bytes.Length)];
        try
        {
            int read;
            while ((read = content.Read(bytes, 0, bytes.Length)) > 0) decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            decoder.GetChars(bytes, 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
