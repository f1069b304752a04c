using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Learn.Admin.Tests.Api.Organizers;
using Learn.Admin.Tests.Api.Roster;
using Learn.Admin.Tests.Support;
using Learn.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Tests.Api.Members;

/// <summary>
/// The duplicate-mobile check tells an organiser only about their own scope (ADR 0801): a number held by a member
/// outside it is answered exactly like a new number, yet no second member becomes reachable by it.
/// </summary>
public class DuplicateMobileScopeTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    private static object NewMember(long orgId, string name, string mobile) => new
    {
        name, gender = "Male", mobile, organizationId = orgId, joinedPartyOn = "2010-07-01", fullMemberOn = (string?)null, post = (string?)null, isLeadingCadre = false,
    };

    private static string Fresh() => "136" + Random.Shared.Next(10_000_000, 99_999_999);

    private async Task<string> GiveMobileAsync(OrganizerWorld w, long memberId, string mobile)
    {
        var edit = await w.Super.PutAsJsonAsync($"/api/admin/members/{memberId}", NewMember(0, "王志强", mobile));
        edit.StatusCode.ShouldBe(HttpStatusCode.OK);
        return mobile;
    }

    [Fact]
    public async Task A_number_held_outside_the_scope_is_answered_like_a_new_one_and_held_for_the_super_admin()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        var outside = await GiveMobileAsync(w, w.Member3.Id, Fresh()); // 第三党支部, not the secretary's

        var fresh = await w.Secretary1.PostAsJsonAsync("/api/admin/members", NewMember(w.Branch1.Id, "新党员甲", Fresh()));
        var clash = await w.Secretary1.PostAsJsonAsync("/api/admin/members", NewMember(w.Branch1.Id, "新党员乙", outside));

        clash.StatusCode.ShouldBe(fresh.StatusCode);
        clash.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await clash.JsonAsync();
        body.GetProperty("mobileMasked").GetString().ShouldBe(outside[..3] + "****" + outside[^4..]);
        var id = body.GetProperty("id").GetInt64();
        var stored = await factory.WithDbAsync(db => db.Members.SingleAsync(m => m.Id == id));
        stored.MobileHash.ShouldBeNull("the number stays with the member who had it: binding by phone cannot find a second one");
        var held = await factory.WithDbAsync(db => db.AuditLog.SingleAsync(a => a.Action == MobileDuplicates.HeldAction && a.After!.Contains("新党员乙")));
        held.OrganizationPath.ShouldBeNull("only super admins see the clash");
    }

    [Fact]
    public async Task A_number_held_inside_the_scope_is_still_refused()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        var inside = await GiveMobileAsync(w, w.Member1.Id, Fresh()); // the secretary's own branch

        var response = await w.Secretary1.PostAsJsonAsync("/api/admin/members", NewMember(w.Branch1.Id, "重号党员", inside));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.JsonAsync()).GetProperty("type").GetString().ShouldBe("urn:learn:problem:mobile-taken");
    }

    [Fact]
    public async Task A_roster_import_matches_only_numbers_held_inside_the_scope()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        var outside = await GiveMobileAsync(w, w.Member3.Id, Fresh());
        var inside = await GiveMobileAsync(w, w.Member1.Id, Fresh());
        var branch = $"{w.Committee.Name}/第一党总支/第一党支部";
        var file = RosterFiles.Csv($"外号,男,{outside},{branch},2001-07-01,,,否", $"内号,男,{inside},{branch},2001-07-01,,,否");

        var result = await (await w.Secretary1.PostAsync("/api/admin/roster/import?dryRun=true", RosterFiles.Upload(file, "名册.csv"))).JsonAsync();

        // A number in scope names that member, so the row updates it (ADR 0104); one held outside reads like a new number.
        result.GetProperty("errors").GetArrayLength().ShouldBe(0);
        result.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("action").GetString(),
                r.GetProperty("memberNumber").ValueKind == JsonValueKind.Null ? (long?)null : r.GetProperty("memberNumber").GetInt64()))
            .ShouldBe([(2, "新建", null), (3, "更新", w.Member1.Id)]);
    }
}
