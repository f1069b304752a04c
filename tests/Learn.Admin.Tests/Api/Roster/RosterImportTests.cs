using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Learn.Admin.Tests.Api.Organizers;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using Learn.Admin.Tests.Support;

namespace Learn.Admin.Tests.Api.Roster;

public class RosterImportTests(AdminApiFactory factory, ITestOutputHelper output) : IClassFixture<AdminApiFactory>
{
    private static string B1(OrganizerWorld w) => $"{w.Committee.Name}/第一党总支/第一党支部";

    private Task<int> MemberCountAsync(OrganizerWorld w) =>
        factory.WithDbAsync(db => db.Members.CountAsync(m => m.Organization!.Path.StartsWith(w.Committee.Path)));

    [Fact]
    public async Task Good_csv_imports_every_row_with_protected_mobiles()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        var file = RosterFiles.Csv(
            $"孙文,男,13711112222,{B1(w)},2001-07-01,2002-07-01,宣传委员,否",
            $"周敏,女,,{B1(w)}/第一党小组,2019/5/4,,,是");

        var response = await w.Secretary1.PostAsync("/api/admin/roster/import", RosterFiles.Upload(file, "名册.csv"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await response.JsonAsync();
        result.GetProperty("imported").GetInt32().ShouldBe(2);
        var sun = await factory.WithDbAsync(db => db.Members.SingleAsync(m => m.Name == "孙文" && m.OrganizationId == w.Branch1.Id));
        sun.MobileMasked.ShouldBe("137****2222");
        sun.MobileHash.ShouldNotBeNull();
        sun.Post.ShouldBe("宣传委员");
        var zhou = await factory.WithDbAsync(db => db.Members.SingleAsync(m => m.Name == "周敏"));
        zhou.OrganizationId.ShouldBe(w.Group1.Id);
        zhou.JoinedPartyOn.ShouldBe(new DateOnly(2019, 5, 4));
        zhou.IsLeadingCadre.ShouldBeTrue();
        (await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "member.import" && a.ActorName == "管理员sec" + w.Suffix))).ShouldBe(1);
    }

    [Fact]
    public async Task Dry_run_reports_every_bad_row_with_column_and_chinese_reason_and_imports_nothing()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        var before = await MemberCountAsync(w);
        var file = RosterFiles.Csv(
            $"好人,男,13722223333,{B1(w)},2001-07-01,,,否",            // row 2: fine
            $",男,13722223334,{B1(w)},2001-07-01,,,否",                 // row 3: no name
            $"错号,男,12345,{B1(w)},2001-07-01,,,否",                   // row 4: bad mobile
            $"越权,女,13722223335,{w.Committee.Name}/第二党总支/第三党支部,2001-07-01,,,否", // row 5: out of scope
            $"日期,女,13722223336,{B1(w)},2001-13-01,,,否",             // row 6: bad date
            $"转正,女,13722223337,{B1(w)},2010-07-01,2009-07-01,,否",   // row 7: full before joined
            $"重号,男,13722223333,{B1(w)},2001-07-01,,,也许");          // row 8: duplicate mobile + bad yes/no

        var response = await w.Secretary1.PostAsync("/api/admin/roster/import?dryRun=true", RosterFiles.Upload(file, "名册.csv"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await response.JsonAsync();
        result.GetProperty("dryRun").GetBoolean().ShouldBeTrue();
        result.GetProperty("total").GetInt32().ShouldBe(7);
        result.GetProperty("imported").GetInt32().ShouldBe(0);
        var errors = result.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("reason").GetString())).ToList();
        errors.ShouldBe([
            (3, "姓名", "姓名不能为空"),
            (4, "手机号", "手机号应为11位中国大陆手机号"),
            (5, "所在组织", "找不到该组织，或不在您的管理范围内"),
            (6, "入党日期", "日期格式应为 2020-07-01"),
            (7, "转正日期", "转正日期不能早于入党日期"),
            (8, "是否领导干部", "是否领导干部应填写“是”或“否”"),
        ], ignoreOrder: true);
        (await MemberCountAsync(w)).ShouldBe(before);

        var fixedFile = RosterFiles.Csv($"好人,男,13722223333,{B1(w)},2001-07-01,,,否", $"重号,男,13722223333,{B1(w)},2001-07-01,,,否");
        var dup = await (await w.Secretary1.PostAsync("/api/admin/roster/import?dryRun=true", RosterFiles.Upload(fixedFile, "名册.csv"))).JsonAsync();
        dup.GetProperty("errors")[0].GetProperty("reason").GetString().ShouldBe("与第2行的手机号重复");
        (await MemberCountAsync(w)).ShouldBe(before);
    }

    [Fact]
    public async Task Import_with_one_bad_row_imports_nothing_at_all()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        var before = await MemberCountAsync(w);
        var rows = Enumerable.Range(0, 50).Select(i => $"成员{i},男,1360000{i:0000},{B1(w)},2001-07-01,,,否").ToList();
        rows.Add($"坏行,男,13600009999,{B1(w)},明天,,,否");

        var response = await w.Secretary1.PostAsync("/api/admin/roster/import", RosterFiles.Upload(RosterFiles.Csv([.. rows]), "名册.csv"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.JsonAsync();
        problem.GetProperty("type").GetString().ShouldBe("urn:learn:problem:import-rejected");
        problem.GetProperty("rows")[0].GetProperty("row").GetInt32().ShouldBe(52);
        (await MemberCountAsync(w)).ShouldBe(before);
    }

    [Fact]
    public async Task Files_that_are_not_rosters_are_refused_without_a_500()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        var noHeader = await w.Secretary1.PostAsync("/api/admin/roster/import?dryRun=true", RosterFiles.Upload("a,b,c\n1,2,3\n"u8.ToArray(), "x.csv"));
        noHeader.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await noHeader.JsonAsync()).GetProperty("errors")[0].GetProperty("row").GetInt32().ShouldBe(1);

        var brokenZip = await w.Secretary1.PostAsync("/api/admin/roster/import", RosterFiles.Upload("PK\u0003\u0004garbage-garbage"u8.ToArray(), "x.xlsx"));
        brokenZip.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Five_thousand_row_xlsx_imports_in_one_go()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        var before = await MemberCountAsync(w);
        var orgs = new[] { B1(w), $"{B1(w)}/第一党小组" };
        var rows = Enumerable.Range(0, 5000).Select(i => new[]
        {
            $"党员{i:0000}", i % 2 == 0 ? "男" : "女", $"1580000{i:0000}", orgs[i % 2],
            $"{1980 + (i % 40)}-{1 + (i % 12):00}-{1 + (i % 28):00}", "", i % 10 == 0 ? "党小组长" : "", i % 7 == 0 ? "是" : "否",
        }).ToList();
        var file = RosterFiles.Xlsx(rows);

        var watch = Stopwatch.StartNew();
        var response = await w.Admin1.PostAsync("/api/admin/roster/import", RosterFiles.Upload(file, "5000.xlsx"));
        watch.Stop();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await response.JsonAsync();
        result.GetProperty("imported").GetInt32().ShouldBe(5000);
        output.WriteLine($"5,000-row XLSX ({file.Length / 1024} KB): import over HTTP took {watch.ElapsedMilliseconds} ms " +
                         $"(server-side {result.GetProperty("elapsedMilliseconds").GetInt64()} ms)");
        (await MemberCountAsync(w)).ShouldBe(before + 5000);
        var sample = await factory.WithDbAsync(db => db.Members.SingleAsync(m => m.Name == "党员0007"));
        sample.OrganizationId.ShouldBe(w.Group1.Id);
        sample.MobileMasked.ShouldBe("158****0007");
        sample.IsLeadingCadre.ShouldBeTrue();
    }

    [Fact]
    public async Task Export_writes_the_import_format_led_by_the_member_number_and_reimports_unchanged()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        await factory.WithDbAsync(db => db.Members.Where(m => m.Id == w.Member1.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Post, "支部书记")));

        var xlsx = await w.Secretary1.GetAsync("/api/admin/roster/export?format=xlsx");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        var sheet = XlsxCells.Read(await xlsx.Content.ReadAsByteArrayAsync());
        string.Join(",", sheet[0]).ShouldBe("党员编号," + RosterFiles.Header);
        sheet.Count.ShouldBe(2);
        sheet[1][0].ShouldBe(w.Member1.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        sheet[1][1].ShouldBe("张红梅");
        sheet[1][4].ShouldBe(B1(w));
        sheet[1][5].ShouldBe("2005-07-01");
        sheet[1][7].ShouldBe("支部书记");
        (await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "member.export" && a.ActorName == "管理员sec" + w.Suffix))).ShouldBe(1);

        var csv = await (await w.Secretary1.GetAsync("/api/admin/roster/export?format=csv")).Content.ReadAsByteArrayAsync();
        csv[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        // The exported file is a valid import, naming the members it came from: importing it again changes nothing.
        var dry = await (await w.Secretary1.PostAsync("/api/admin/roster/import?dryRun=true", RosterFiles.Upload(csv, "export.csv"))).JsonAsync();
        dry.GetProperty("errors").GetArrayLength().ShouldBe(0);
        dry.GetProperty("rows")[0].GetProperty("action").GetString().ShouldBe("无变化");
        dry.GetProperty("rows")[0].GetProperty("memberNumber").GetInt64().ShouldBe(w.Member1.Id);
    }

    [Fact]
    public async Task The_documented_sample_file_passes_a_dry_run()
    {
        var user = "sample" + Guid.NewGuid().ToString("N")[..6];
        await factory.WithDbAsync(async db =>
        {
            var root = await db.AddOrganizationAsync("市直机关工委", OrganizationKind.PartyCommittee);
            var g = await db.AddOrganizationAsync("机关第一党总支", OrganizationKind.GeneralBranch, root);
            var b1 = await db.AddOrganizationAsync("第一党支部", OrganizationKind.Branch, g);
            await db.AddOrganizationAsync("第一党小组", OrganizationKind.Group, b1);
            await db.AddOrganizationAsync("第二党支部", OrganizationKind.Branch, g);
            await db.AddOrganizerAsync(user, OrganizerRole.OrganizationAdmin, root);
        });
        var client = await factory.SignInAsync(user);
        var sample = await File.ReadAllBytesAsync(Path.Combine(RepoRoot(), "docs", "samples", "roster-sample.csv"));

        var result = await (await client.PostAsync("/api/admin/roster/import?dryRun=true", RosterFiles.Upload(sample, "roster-sample.csv"))).JsonAsync();

        result.GetProperty("total").GetInt32().ShouldBe(4);
        result.GetProperty("errors").GetArrayLength().ShouldBe(0, JsonSerializer.Serialize(result));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Learn.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Learn.sln not found above the test output.");
    }
}
