using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Learn.Admin.Tests.Api.Organizers;
using Learn.Admin.Tests.Support;
using Learn.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Tests.Api.Roster;

/// <summary>
/// Importing a roster again updates the members it already has (docs/decisions/0104): by 党员编号 (the export's first
/// column), else by mobile, only ever inside the organiser's scope; a row without a mobile is never imported twice.
/// </summary>
public class RosterReimportTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    private static string B1(OrganizerWorld w) => $"{w.Committee.Name}/第一党总支/第一党支部";

    private static string Fresh() => "135" + Random.Shared.Next(10_000_000, 99_999_999);

    /// <summary>Gives a member a mobile through the member API (the super admin's edit), keeping the rest.</summary>
    private static async Task<string> GiveMobileAsync(OrganizerWorld w, Member member)
    {
        var mobile = Fresh();
        var edit = await w.Super.PutAsJsonAsync($"/api/admin/members/{member.Id}", new
        {
            name = member.Name, gender = "Female", mobile, organizationId = 0, joinedPartyOn = "2005-07-01",
            fullMemberOn = (string?)null, post = (string?)null, isLeadingCadre = false,
        });
        edit.StatusCode.ShouldBe(HttpStatusCode.OK);
        return mobile;
    }

    private static List<(int Row, string Action, long? Number, string Name)> Rows(JsonElement result) =>
        result.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("action").GetString()!,
            r.GetProperty("memberNumber").ValueKind == JsonValueKind.Null ? (long?)null : r.GetProperty("memberNumber").GetInt64(),
            r.GetProperty("name").GetString()!)).ToList();

    private Task<Member> MemberAsync(long id) => factory.WithDbAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.Id == id));

    [Fact]
    public async Task A_masked_export_edited_and_imported_again_updates_by_member_number_and_keeps_the_stored_mobile()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        var mobile = await GiveMobileAsync(w, w.Member1);
        var before = await MemberAsync(w.Member1.Id);
        var added = await (await w.Secretary1.PostAsync("/api/admin/roster/import",
            RosterFiles.Upload(RosterFiles.Csv($"孙文,男,{Fresh()},{B1(w)},2001-07-01,2002-07-01,宣传委员,否"), "first.csv"))).JsonAsync();
        Rows(added).Single().Action.ShouldBe("新建");

        var export = Encoding.UTF8.GetString(await (await w.Secretary1.GetAsync("/api/admin/roster/export?format=csv")).Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = export.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        lines[0].ShouldBe("党员编号," + RosterFiles.Header);
        var zhang = lines.Single(l => l.Contains("张红梅", StringComparison.Ordinal));
        zhang.ShouldStartWith($"{w.Member1.Id},张红梅,女,{mobile[..3]}****{mobile[^4..]},");
        export.ShouldNotContain(mobile, Case.Sensitive, "exports are masked unless a super admin asks");

        // In Excel: 张红梅 gets a post, 孙文 stays as he is, and a new member is added below without a number.
        var edited = lines.Select(l => l == zhang ? l.Replace(",,否", ",组织委员,否", StringComparison.Ordinal) : l)
            .Append($",周新,男,{Fresh()},{B1(w)},2018-07-01,,,否");
        var file = Encoding.UTF8.GetBytes(string.Join("\n", edited) + "\n");

        var dry = await (await w.Secretary1.PostAsync("/api/admin/roster/import?dryRun=true", RosterFiles.Upload(file, "edited.csv"))).JsonAsync();
        dry.GetProperty("errors").GetArrayLength().ShouldBe(0, dry.ToString());
        Rows(dry).Select(r => (r.Name, r.Action)).ShouldBe([("张红梅", "更新"), ("孙文", "无变化"), ("周新", "新建")], ignoreOrder: true);
        (dry.GetProperty("created").GetInt32(), dry.GetProperty("updated").GetInt32(), dry.GetProperty("unchanged").GetInt32()).ShouldBe((1, 1, 1));
        (await MemberAsync(w.Member1.Id)).Post.ShouldBeNull("a dry run writes nothing");

        var done = await w.Secretary1.PostAsync("/api/admin/roster/import", RosterFiles.Upload(file, "edited.csv"));
        done.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await done.JsonAsync();
        result.GetProperty("imported").GetInt32().ShouldBe(2);
        Rows(result).Single(r => r.Name == "张红梅").Number.ShouldBe(w.Member1.Id);
        var after = await MemberAsync(w.Member1.Id);
        after.Post.ShouldBe("组织委员");
        (after.MobileHash, after.MobileCipher, after.MobileMasked).ShouldBe((before.MobileHash, before.MobileCipher, before.MobileMasked), "a masked cell names no number");
        (await factory.WithDbAsync(db => db.Members.CountAsync(m => m.Name == "孙文" && m.OrganizationId == w.Branch1.Id))).ShouldBe(1);
        (await factory.WithDbAsync(db => db.Members.CountAsync(m => m.Name == "周新" && m.OrganizationId == w.Branch1.Id))).ShouldBe(1);

        var audit = await factory.WithDbAsync(db => db.AuditLog.SingleAsync(a => a.Action == "member.import" && a.After!.Contains("edited.csv")));
        using (var counts = JsonDocument.Parse(audit.After!))
            (counts.RootElement.GetProperty("created").GetInt32(), counts.RootElement.GetProperty("updated").GetInt32()).ShouldBe((1, 1));
        var edit = await factory.WithDbAsync(db => db.AuditLog.SingleAsync(a => a.Action == "member.edit" && a.EntityId == w.Member1.Id.ToString() && a.Reason!.Contains("edited.csv")));
        edit.After!.ShouldContain("组织委员");
    }

    [Fact]
    public async Task A_file_without_numbers_updates_members_by_mobile_and_says_so_per_row()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        var mobile = await GiveMobileAsync(w, w.Member1);
        var file = RosterFiles.Csv($"张红梅,女,{mobile[..3]} {mobile[3..7]} {mobile[7..]},{B1(w)},2005-07-01,2006-07-01,纪检委员,是");

        var result = await (await w.Secretary1.PostAsync("/api/admin/roster/import", RosterFiles.Upload(file, "by-mobile.csv"))).JsonAsync();

        result.GetProperty("errors").GetArrayLength().ShouldBe(0, result.ToString());
        Rows(result).ShouldBe([(2, "更新", w.Member1.Id, "张红梅")]);
        var after = await MemberAsync(w.Member1.Id);
        (after.Post, after.IsLeadingCadre, after.FullMemberOn).ShouldBe(("纪检委员", true, new DateOnly(2006, 7, 1)));
        (await factory.WithDbAsync(db => db.Members.CountAsync(m => m.Name == "张红梅" && m.OrganizationId == w.Branch1.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task A_row_without_a_mobile_is_never_imported_twice()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        var file = RosterFiles.Csv($"周敏,女,,{B1(w)}/第一党小组,2019-05-04,,,否");
        (await w.Secretary1.PostAsync("/api/admin/roster/import", RosterFiles.Upload(file, "a.csv"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var zhou = await factory.WithDbAsync(db => db.Members.SingleAsync(m => m.Name == "周敏" && m.OrganizationId == w.Group1.Id));

        var again = await w.Secretary1.PostAsync("/api/admin/roster/import", RosterFiles.Upload(file, "a.csv"));

        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await again.JsonAsync();
        problem.GetProperty("type").GetString().ShouldBe("urn:learn:problem:import-rejected");
        var error = problem.GetProperty("rows")[0];
        (error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString()).ShouldBe((2, "姓名"));
        error.GetProperty("reason").GetString()!.ShouldContain($"同一组织的同名党员（党员编号 {zhou.Id}）");

        var twice = RosterFiles.Csv($"钱多,男,,{B1(w)},2019-05-04,,,否", $"钱多,男,,{B1(w)},2019-05-04,,,否");
        var inOneFile = await (await w.Secretary1.PostAsync("/api/admin/roster/import?dryRun=true", RosterFiles.Upload(twice, "b.csv"))).JsonAsync();
        inOneFile.GetProperty("errors")[0].GetProperty("reason").GetString()!.ShouldStartWith("与第2行是同一组织的同名党员");
        (await factory.WithDbAsync(db => db.Members.CountAsync(m => (m.Name == "周敏" || m.Name == "钱多") && m.Organization!.Path.StartsWith(w.Committee.Path)))).ShouldBe(1);
    }

    [Fact]
    public async Task An_organiser_cannot_update_a_member_outside_their_subtree_by_mobile_or_by_number()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        var mobile = await GiveMobileAsync(w, w.Member2); // 李建国, 第二党支部: not the 第一党支部 secretary's
        var before = await MemberAsync(w.Member2.Id);

        var byMobile = await w.Secretary1.PostAsync("/api/admin/roster/import",
            RosterFiles.Upload(RosterFiles.Csv($"李建国,男,{mobile},{B1(w)},2001-07-01,,篡改,是"), "by-mobile.csv"));

        byMobile.StatusCode.ShouldBe(HttpStatusCode.OK);
        var created = Rows(await byMobile.JsonAsync()).Single();
        created.Action.ShouldBe("新建", "a number held outside the scope is answered like a new one (ADR 0801)");
        (await MemberAsync(w.Member2.Id)).ShouldBeEquivalentTo(before);
        (await MemberAsync(created.Number!.Value)).MobileHash.ShouldBeNull("held: binding by phone still finds only the first holder");

        var header = "党员编号," + RosterFiles.Header;
        var byNumber = await w.Secretary1.PostAsync("/api/admin/roster/import", RosterFiles.Upload(
            Encoding.UTF8.GetBytes($"{header}\n{w.Member2.Id},李建国,男,,{B1(w)},2001-07-01,,篡改,是\n"), "by-number.csv"));

        byNumber.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = (await byNumber.JsonAsync()).GetProperty("rows")[0];
        (error.GetProperty("column").GetString(), error.GetProperty("reason").GetString())
            .ShouldBe(("党员编号", "找不到该党员编号，或不在您的管理范围内；新党员请留空党员编号"));
        (await MemberAsync(w.Member2.Id)).ShouldBeEquivalentTo(before);
    }
}
