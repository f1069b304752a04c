using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Learn.Admin.Tests.Api.Organizers;
using Learn.Core.Auditing;
using Learn.Core.Members;
using Microsoft.EntityFrameworkCore;
using Learn.Admin.Tests.Support;

namespace Learn.Admin.Tests.Api.Members;

public class MemberRosterTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    private static object NewMember(long orgId, string name, string? mobile = null, string joined = "2010-07-01") => new
    {
        name, gender = "Female", mobile, organizationId = orgId, joinedPartyOn = joined, fullMemberOn = (string?)null, post = "组织委员", isLeadingCadre = false,
    };

    [Fact]
    public async Task Created_member_shows_only_a_masked_mobile_and_the_clear_one_is_an_audited_reveal()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);

        var created = await w.Secretary1.PostAsJsonAsync("/api/admin/members", NewMember(w.Branch1.Id, "赵丽", "138 1234 5678"));
        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        var member = await created.JsonAsync();
        member.GetProperty("mobileMasked").GetString().ShouldBe("138****5678");
        (await created.Content.ReadAsStringAsync()).ShouldNotContain("13812345678");
        var id = member.GetProperty("id").GetInt64();

        var stored = await factory.WithDbAsync(db => db.Members.SingleAsync(m => m.Id == id));
        stored.MobileCipher.ShouldNotBeNull();
        stored.MobileCipher.ShouldNotContain("13812345678");

        var reveal = await (await w.Secretary1.GetAsync($"/api/admin/members/{id}/mobile")).JsonAsync();
        reveal.GetProperty("mobile").GetString().ShouldBe("13812345678");
        (await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "member.mobile.view" && a.EntityId == id.ToString()))).ShouldBe(1);
        (await w.Super.PostAsJsonAsync("/api/admin/members", NewMember(w.Branch2.Id, "重复号", "13812345678"))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Edit_is_audited_with_before_and_after()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);

        var response = await w.Secretary1.PutAsJsonAsync($"/api/admin/members/{w.Member1.Id}", new
        {
            name = "张红梅", gender = "Female", mobile = "13900001111", organizationId = w.Branch1.Id,
            joinedPartyOn = "2005-07-01", fullMemberOn = "2006-07-01", post = "支部书记", isLeadingCadre = true,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var entry = await factory.WithDbAsync(db => db.AuditLog.SingleAsync(a => a.Action == "member.edit" && a.EntityId == w.Member1.Id.ToString()));
        entry.ActorKind.ShouldBe(AuditActorKind.Organizer);
        entry.ActorName.ShouldBe("管理员sec" + w.Suffix);
        var before = JsonDocument.Parse(entry.Before!).RootElement;
        var after = JsonDocument.Parse(entry.After!).RootElement;
        before.GetProperty("Post").ValueKind.ShouldBe(JsonValueKind.Null);
        after.GetProperty("Post").GetString().ShouldBe("支部书记");
        after.GetProperty("IsLeadingCadre").GetBoolean().ShouldBeTrue();
        after.GetProperty("MobileMasked").GetString().ShouldBe("139****1111");
        entry.After!.ShouldNotContain("13900001111");
        entry.OrganizationPath.ShouldBe(w.Branch1.Path);
    }

    [Fact]
    public async Task Transfer_moves_the_member_and_keeps_the_history()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);

        (await w.Admin1.PostAsJsonAsync($"/api/admin/members/{w.Member1.Id}/transfer", new { toOrganizationId = w.Branch2.Id, reason = "工作调动" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await w.Admin1.PostAsJsonAsync($"/api/admin/members/{w.Member1.Id}/transfer", new { toOrganizationId = w.Group1.Id }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var detail = await (await w.Admin1.GetAsync($"/api/admin/members/{w.Member1.Id}")).JsonAsync();
        detail.GetProperty("member").GetProperty("organizationId").GetInt64().ShouldBe(w.Group1.Id);
        var transfers = detail.GetProperty("transfers").EnumerateArray().ToList();
        transfers.Count.ShouldBe(2);
        transfers[0].GetProperty("fromOrganizationName").GetString().ShouldBe("第一党支部");
        transfers[0].GetProperty("toOrganizationName").GetString().ShouldBe("第二党支部");
        transfers[0].GetProperty("reason").GetString().ShouldBe("工作调动");
        transfers[1].GetProperty("fromOrganizationId").GetInt64().ShouldBe(w.Branch2.Id);
        detail.GetProperty("organizationPathNames").GetString().ShouldBe($"{w.Committee.Name} / 第一党总支 / 第一党支部 / 第一党小组");
        (await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "member.transfer" && a.EntityId == w.Member1.Id.ToString()))).ShouldBe(2);

        // The secretary of 第一党支部 cannot send a member to a branch outside their scope.
        (await w.Secretary1.PostAsJsonAsync($"/api/admin/members/{w.Member1.Id}/transfer", new { toOrganizationId = w.Branch3.Id }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Members_who_move_away_or_die_are_never_deleted()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);

        (await w.Admin1.PostAsJsonAsync($"/api/admin/members/{w.Member1.Id}/status", new { status = "MovedAway", leftOn = "2026-10-01", reason = "转往外省" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await w.Admin1.PostAsJsonAsync($"/api/admin/members/{w.Member2.Id}/status", new { status = "Deceased", leftOn = "2026-09-15" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var rows = await factory.WithDbAsync(db => db.Members.Where(m => m.Id == w.Member1.Id || m.Id == w.Member2.Id).ToListAsync());
        rows.Count.ShouldBe(2);
        rows.Single(m => m.Id == w.Member1.Id).Status.ShouldBe(MemberStatus.MovedAway);
        rows.Single(m => m.Id == w.Member1.Id).LeftOn.ShouldBe(new DateOnly(2026, 10, 1));
        rows.Single(m => m.Id == w.Member2.Id).Status.ShouldBe(MemberStatus.Deceased);
        (await factory.WithDbAsync(db => db.Set<MemberTransfer>().SingleAsync(t => t.MemberId == w.Member1.Id))).ToOrganizationId.ShouldBeNull();

        var active = await (await w.Admin1.GetAsync($"/api/admin/members?organizationId={w.General1.Id}")).JsonAsync();
        active.GetProperty("total").GetInt32().ShouldBe(0);
        var all = await (await w.Admin1.GetAsync($"/api/admin/members?organizationId={w.General1.Id}&status=all")).JsonAsync();
        all.GetProperty("total").GetInt32().ShouldBe(2);
        (await w.Admin1.GetAsync($"/api/admin/members/{w.Member1.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await w.Admin1.DeleteAsync($"/api/admin/members/{w.Member1.Id}")).StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Search_filters_by_name_branch_and_join_year_with_paging_and_sorting()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        foreach (var (name, year) in new[] { ("陈一", 1998), ("陈二", 2003), ("陈三", 2003), ("刘四", 2003), ("陈五", 2015) })
            (await w.Admin1.PostAsJsonAsync("/api/admin/members", NewMember(w.Branch2.Id, name, joined: $"{year}-06-01"))).EnsureSuccessStatusCode();

        var byName = await (await w.Admin1.GetAsync($"/api/admin/members?organizationId={w.General1.Id}&name=陈&sort=-joinedPartyOn&pageSize=2")).JsonAsync();
        byName.GetProperty("total").GetInt32().ShouldBe(4);
        byName.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ShouldBe(["陈五", "陈二"]);
        var page2 = await (await w.Admin1.GetAsync($"/api/admin/members?organizationId={w.General1.Id}&name=陈&sort=-joinedPartyOn&pageSize=2&page=2")).JsonAsync();
        page2.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ShouldBe(["陈三", "陈一"]);

        var byYear = await (await w.Admin1.GetAsync($"/api/admin/members?organizationId={w.Branch2.Id}&joinYear=2003&sort=name")).JsonAsync();
        byYear.GetProperty("total").GetInt32().ShouldBe(3);

        var branch1 = await (await w.Admin1.GetAsync($"/api/admin/members?organizationId={w.Branch1.Id}")).JsonAsync();
        branch1.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ShouldBe(["张红梅"]);

        (await w.Admin1.GetAsync("/api/admin/members?sort=mobile")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await w.Admin1.GetAsync("/api/admin/members?pageSize=1000")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
