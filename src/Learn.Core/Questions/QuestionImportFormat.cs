using Learn.Core.Spreadsheets;

namespace Learn.Core.Questions;

/// <summary>One data row of an import file as written, with its 1-based row number in the file (header = 1).</summary>
public sealed record QuestionRow(int RowNumber, IReadOnlyList<string> Cells);

/// <summary>
/// The question bank file format (TEAM.md, same as the demo file): CSV (UTF-8 or GB18030) with a header,
/// or XLSX with the same header in row 1. Reading never validates; <see cref="QuestionImporter"/> does.
/// </summary>
public static class QuestionImportFormat
{
    public static readonly string[] Header = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "分类", "难度", "解析"];

    public const int Kind = 0, Stem = 1, OptionA = 2, Answer = 8, Tags = 9, DifficultyColumn = 10, Explanation = 11;

    /// <summary>Questions one file may hold: a whole city's bank is a few thousand.</summary>
    public const int MaxRows = 10_000;

    public static SpreadsheetFormat Spreadsheet(this QuestionFileFormat format) =>
        format == QuestionFileFormat.Xlsx ? SpreadsheetFormat.Xlsx : SpreadsheetFormat.Csv;

    /// <summary>The header and the non-blank rows; throws <see cref="SpreadsheetRejectedException"/> past <see cref="MaxRows"/>.</summary>
    public static List<QuestionRow> Read(Stream stream, QuestionFileFormat format, CancellationToken ct = default) =>
        SpreadsheetReader.Read(stream, format.Spreadsheet(), MaxRows, ct).Select(r => new QuestionRow(r.Number, r.Cells)).ToList();

    public static void Write(Stream stream, QuestionFileFormat format, IEnumerable<IReadOnlyList<string>> rows) =>
        SpreadsheetWriter.Write(stream, format.Spreadsheet(), "题库", Header, rows.Select(r => (IReadOnlyList<object?>)r.ToList<object?>()));
}
