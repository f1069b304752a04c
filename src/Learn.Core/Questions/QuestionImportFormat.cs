using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using NPOI.SS.UserModel;
using NPOI.XSSF.UserModel;

namespace Learn.Core.Questions;

/// <summary>One data row of an import file as written, with its 1-based row number in the file (header = 1).</summary>
public sealed record QuestionRow(int RowNumber, IReadOnlyList<string> Cells);

/// <summary>
/// The question bank file format (TEAM.md, same as the demo file): CSV UTF-8 with a header, or XLSX
/// with the same header in row 1. Reading never validates; <see cref="QuestionImporter"/> does.
/// </summary>
public static class QuestionImportFormat
{
    public static readonly string[] Header = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "分类", "难度", "解析"];

    public const int Kind = 0, Stem = 1, OptionA = 2, Answer = 8, Tags = 9, DifficultyColumn = 10, Explanation = 11;

    public static List<QuestionRow> ReadCsv(Stream stream)
    {
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            BadDataFound = null,
            MissingFieldFound = null,
        });
        var rows = new List<QuestionRow>();
        var number = 0;
        while (csv.Read())
        {
            number++;
            var cells = Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i) ?? "").ToList();
            rows.Add(new QuestionRow(number, cells));
        }
        return rows;
    }

    public static List<QuestionRow> ReadXlsx(Stream stream)
    {
        var workbook = new XSSFWorkbook(stream);
        var sheet = workbook.GetSheetAt(0);
        var formatter = new DataFormatter(CultureInfo.InvariantCulture);
        var rows = new List<QuestionRow>();
        for (var r = 0; r <= sheet.LastRowNum; r++)
        {
            var row = sheet.GetRow(r);
            var cells = new List<string>();
            if (row is not null)
                for (var c = 0; c < Math.Max((int)row.LastCellNum, 0); c++)
                    cells.Add(row.GetCell(c) is { } cell ? formatter.FormatCellValue(cell) : "");
            rows.Add(new QuestionRow(r + 1, cells));
        }
        return rows;
    }

    public static void WriteCsv(Stream stream, IEnumerable<IReadOnlyList<string>> rows)
    {
        // A BOM so Excel opens the Chinese text correctly; our reader accepts it either way.
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(true), leaveOpen: true);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var cell in Header) csv.WriteField(cell);
        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var cell in row) csv.WriteField(cell);
            csv.NextRecord();
        }
    }

    public static void WriteXlsx(Stream stream, IEnumerable<IReadOnlyList<string>> rows)
    {
        var workbook = new XSSFWorkbook();
        var sheet = workbook.CreateSheet("题库");
        var all = new List<IReadOnlyList<string>> { Header };
        all.AddRange(rows);
        for (var r = 0; r < all.Count; r++)
        {
            var row = sheet.CreateRow(r);
            for (var c = 0; c < all[r].Count; c++) row.CreateCell(c).SetCellValue(all[r][c]);
        }
        // NPOI closes the target stream; write to a buffer first so callers keep theirs.
        using var buffer = new MemoryStream();
        workbook.Write(buffer);
        var bytes = buffer.ToArray();
        stream.Write(bytes, 0, bytes.Length);
    }
}
