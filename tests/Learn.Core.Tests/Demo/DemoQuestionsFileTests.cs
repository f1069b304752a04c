using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Learn.Core.Demo;

namespace Learn.Core.Tests.Demo;

/// <summary>
/// The demo question bank is imported by the contests feature in the TEAM.md format; these checks keep
/// every row importable so the demo never starts with a half-loaded bank.
/// </summary>
public class DemoQuestionsFileTests
{
    private static readonly string[] Header = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "分类", "难度", "解析"];

    private sealed record Row(int Line, string[] Fields)
    {
        public string Kind => Fields[0];
        public string Stem => Fields[1];
        public string[] Options => Fields[2..8];
        public string Answer => Fields[8];
        public override string ToString() => $"line {Line}: {Stem}";
    }

    private static List<Row> ReadRows()
    {
        using var reader = new StreamReader(DemoData.Open("questions.csv"));
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        csv.HeaderRecord.ShouldBe(Header);
        var rows = new List<Row>();
        while (csv.Read())
        {
            csv.Parser.Count.ShouldBe(Header.Length, $"field count on line {csv.Parser.RawRow}");
            rows.Add(new Row(csv.Parser.RawRow, [.. Enumerable.Range(0, Header.Length).Select(i => csv.GetField(i)!.Trim())]));
        }
        return rows;
    }

    [Fact]
    public void Every_row_is_a_well_formed_question()
    {
        var rows = ReadRows();
        rows.Count.ShouldBeGreaterThanOrEqualTo(200);
        foreach (var row in rows)
        {
            row.Stem.ShouldNotBeEmpty(row.ToString());
            row.Fields[9].Split('|').ShouldAllBe(tag => tag.Length > 0, row.ToString());
            row.Fields[10].ShouldBeOneOf("易", "中", "难");
            row.Fields[11].Length.ShouldBeGreaterThan(5, row.ToString());
            // Options fill A, B, C… without gaps.
            var present = row.Options.TakeWhile(o => o.Length > 0).Count();
            row.Options.Skip(present).ShouldAllBe(o => o.Length == 0, row.ToString());
            switch (row.Kind)
            {
                case "单选":
                    present.ShouldBeInRange(3, 6, row.ToString());
                    row.Answer.Length.ShouldBe(1, row.ToString());
                    ("ABCDEF".IndexOf(row.Answer, StringComparison.Ordinal)).ShouldBeInRange(0, present - 1, row.ToString());
                    break;
                case "多选":
                    present.ShouldBeInRange(3, 6, row.ToString());
                    row.Answer.Length.ShouldBeGreaterThanOrEqualTo(2, row.ToString());
                    row.Answer.Distinct().Count().ShouldBe(row.Answer.Length, row.ToString());
                    row.Answer.ShouldAllBe(c => "ABCDEF".IndexOf(c) >= 0 && "ABCDEF".IndexOf(c) < present, row.ToString());
                    break;
                case "判断":
                    present.ShouldBe(0, row.ToString());
                    row.Answer.ShouldBeOneOf("正确", "错误");
                    break;
                case "填空":
                    present.ShouldBe(0, row.ToString());
                    row.Stem.ShouldContain("（  ）", Case.Sensitive, row.ToString());
                    row.Answer.Split('|').ShouldAllBe(a => a.Trim().Length > 0, row.ToString());
                    break;
                default:
                    throw new ShouldAssertException($"{row}: unknown 题型 '{row.Kind}'");
            }
        }
        rows.GroupBy(r => r.Stem).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty("duplicate 题干");
    }

    [Fact]
    public void Bank_mixes_types_difficulties_and_answers()
    {
        var rows = ReadRows();
        var share = rows.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => (double)g.Count() / rows.Count);
        share["单选"].ShouldBeInRange(0.45, 0.65);
        share["多选"].ShouldBeInRange(0.15, 0.25);
        share["判断"].ShouldBeInRange(0.10, 0.20);
        share["填空"].ShouldBeInRange(0.07, 0.15);
        rows.Select(r => r.Fields[10]).Distinct().Count().ShouldBe(3);
        // A bank whose single-choice answers are nearly always one letter teaches guessing.
        var letters = rows.Where(r => r.Kind == "单选").GroupBy(r => r.Answer).ToDictionary(g => g.Key, g => g.Count());
        letters.Keys.Order().ShouldBe(["A", "B", "C", "D"]);
        letters.Values.Max().ShouldBeLessThan(rows.Count(r => r.Kind == "单选") / 2);
        rows.Count(r => r.Kind == "判断" && r.Answer == "错误").ShouldBeGreaterThan(5);
    }
}
