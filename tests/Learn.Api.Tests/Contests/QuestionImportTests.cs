using System.Text;
using Learn.Core.Auditing;
using Learn.Core.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Contests;

/// <summary>Question bank import/export in the TEAM.md format: dry run, row-level Chinese errors, all or nothing.</summary>
public class QuestionImportTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string Mixed = Bank(Guid.NewGuid().ToString("N")[..6]);

    private static string Bank(string mark) => ContestKit.Header + "\n" + (
        "单选,中国共产党第一次全国代表大会于哪一年召开？,1919年,1921年,1927年,1949年,,,B,党史,易,1921年7月，中共一大在上海召开。\n" +
        "多选,下列属于“四个意识”的有（  ）,政治意识,大局意识,核心意识,看齐意识,,,ABCD,党章党规|理论武装,中,“四个意识”是政治意识、大局意识、核心意识、看齐意识。\n" +
        "判断,党的纪律处分条例规定了党的纪律处分种类。,,,,,,,正确,纪律处分条例,易,条例第八条规定了五种处分。\n" +
        "填空,中国共产党的根本宗旨是全心全意为（  ）服务。,,,,,,,人民|人民群众,党章党规,易,见党章总纲。\n").Replace("？,", "？" + mark + ",").Replace("有（  ）", "有（  ）" + mark).Replace("种类。", "种类" + mark + "。").Replace("服务。,", "服务" + mark + "。,");

    private async Task<int> CountAsync() => await factory.WithDbAsync(db => db.Set<Question>().CountAsync());

    [Fact]
    public async Task Dry_run_reports_every_bad_row_in_chinese_and_writes_nothing()
    {
        var csv = ContestKit.Header + "\n" +
            "单选,好题,甲,乙,,,,,B,党史,易,解析\n" +
            "问答,题型不对,甲,乙,,,,,A,党史,易,\n" +
            "单选,答案超出选项,甲,乙,,,,,D,党史,中,\n" +
            "多选,多选只有一个答案,甲,乙,丙,,,,A,党史,中,\n" +
            "判断,判断题答案错,,,,,,,对的,党史,难,\n" +
            "单选,,甲,乙,,,,,A,,很难,\n";
        var before = await CountAsync();
        var report = await factory.ImportAsync(csv, dryRun: true);
        report.Committed.ShouldBeFalse();
        report.Rows.ShouldBe(6);
        report.ValidRows.ShouldBe(1);
        report.Errors.ShouldContain(e => e.Row == 3 && e.Column == "题型" && e.Message.Contains("单选、多选、判断"));
        report.Errors.ShouldContain(e => e.Row == 4 && e.Column == "答案" && e.Message.Contains("超出"));
        report.Errors.ShouldContain(e => e.Row == 5 && e.Column == "答案" && e.Message.Contains("至少两个"));
        report.Errors.ShouldContain(e => e.Row == 6 && e.Column == "答案" && e.Message.Contains("正确 或 错误"));
        report.Errors.ShouldContain(e => e.Row == 7 && e.Column == "题干");
        report.Errors.ShouldContain(e => e.Row == 7 && e.Column == "分类");
        report.Errors.ShouldContain(e => e.Row == 7 && e.Column == "难度");
        (await CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_file_with_one_bad_row_imports_nothing_and_a_good_file_imports_every_row_with_a_version()
    {
        var before = await CountAsync();
        var mixed = Bank(Guid.NewGuid().ToString("N")[..6]);
        var bad = (await factory.ImportAsync(mixed.Replace("1921年,1927年", "1921年,"), dryRun: false));
        bad.Committed.ShouldBeFalse();
        bad.Errors.ShouldHaveSingleItem().Row.ShouldBe(2);
        (await CountAsync()).ShouldBe(before);

        var dry = await factory.ImportAsync(mixed, dryRun: true);
        dry.HasErrors.ShouldBeFalse();
        (await CountAsync()).ShouldBe(before);

        (await factory.ImportAsync(mixed)).Committed.ShouldBeTrue();
        var imported = await factory.WithDbAsync(db => (from q in db.Set<Question>()
                                                        join v in db.Set<QuestionVersion>() on q.CurrentVersionId equals v.Id
                                                        orderby q.Id descending
                                                        select new { q, v }).Take(4).ToListAsync());
        imported.Count.ShouldBe(4);
        imported.ShouldContain(x => x.v.Kind == QuestionKind.Multiple && x.v.AnswerKey == "ABCD" && x.q.Tags == "|党章党规|理论武装|");
        imported.ShouldContain(x => x.v.Kind == QuestionKind.FillBlank && x.v.AnswerKey == "人民|人民群众");
        imported.ShouldAllBe(x => x.v.VersionNo == 1 && x.q.IsActive);

        var again = await factory.ImportAsync(mixed, dryRun: true);
        again.Errors.Count.ShouldBe(4);
        again.Errors.ShouldAllBe(e => e.Message == "题库中已有相同题干的题目");
    }

    [Fact]
    public async Task Export_writes_the_import_format_as_csv_and_xlsx_and_reads_back_identically()
    {
        if (await CountAsync() == 0) await factory.ImportAsync(Mixed);
        await using var scope = factory.Services.CreateAsyncScope();
        var bank = scope.ServiceProvider.GetRequiredService<QuestionBank>();
        using var csv = new MemoryStream();
        await bank.ExportAsync(csv, QuestionFileFormat.Csv);
        var text = Encoding.UTF8.GetString(csv.ToArray()).TrimStart('\uFEFF');
        text.Split('\n')[0].TrimEnd('\r').ShouldBe(ContestKit.Header);

        using var xlsx = new MemoryStream();
        await bank.ExportAsync(xlsx, QuestionFileFormat.Xlsx);
        var fromCsv = QuestionImportFormat.Read(new MemoryStream(csv.ToArray()), QuestionFileFormat.Csv);
        var fromXlsx = QuestionImportFormat.Read(new MemoryStream(xlsx.ToArray()), QuestionFileFormat.Xlsx);
        fromXlsx.Count.ShouldBe(fromCsv.Count);
        for (var i = 0; i < fromCsv.Count; i++)
            string.Join("¦", fromXlsx[i].Cells).TrimEnd('¦').ShouldBe(string.Join("¦", fromCsv[i].Cells).TrimStart('\uFEFF').TrimEnd('¦'));

        // Importing the export into the same bank is refused row by row: every stem is already there.
        var importer = scope.ServiceProvider.GetRequiredService<QuestionImporter>();
        var report = await importer.ImportAsync(new MemoryStream(xlsx.ToArray()), QuestionFileFormat.Xlsx, dryRun: true, AuditActor.System);
        report.Rows.ShouldBe(await CountAsync());
        report.Errors.ShouldAllBe(e => e.Message == "题库中已有相同题干的题目");
    }

    [Fact]
    public async Task A_file_with_the_wrong_header_is_refused_with_the_expected_header()
    {
        var report = await factory.ImportAsync("题目,答案\n党的宗旨,为人民服务\n");
        report.Committed.ShouldBeFalse();
        report.Errors.ShouldHaveSingleItem().Message.ShouldStartWith("表头应为：题型,题干");
    }

    [Fact]
    public async Task The_demo_question_file_passes_the_importer_without_a_single_error()
    {
        var assembly = typeof(QuestionImporter).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Demo.data.questions.csv", StringComparison.Ordinal));
        await using var file = assembly.GetManifestResourceStream(name)!;
        await using var scope = factory.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<QuestionImporter>()
            .ImportAsync(file, QuestionFileFormat.Csv, dryRun: true, AuditActor.System);
        report.Errors.ShouldBeEmpty(string.Join("; ", report.Errors.Take(5)));
        report.Rows.ShouldBeGreaterThanOrEqualTo(200);
    }
}
