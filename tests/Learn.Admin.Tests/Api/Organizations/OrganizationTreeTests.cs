using System.Net;
using System.Net.Http.Json;
using Learn.Admin.Tests.Api.Organizers;
using Microsoft.EntityFrameworkCore;
using Learn.Admin.Tests.Support;

namespace Learn.Admin.Tests.Api.Organizations;

public class OrganizationTreeTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    [Fact]
    public async Task Moving_a_branch_rewrites_the_path_of_its_whole_subtree()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);

        var response = await w.Super.PostAsJsonAsync($"/api/admin/organizations/{w.Branch1.Id}/move", new { newParentId = w.General2.Id });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var paths = await factory.WithDbAsync(db => db.Organizations.ToDictionaryAsync(o => o.Id, o => o.Path));
        var moved = $"{w.General2.Path}{w.Branch1.Id}/";
        paths[w.Branch1.Id].ShouldBe(moved);
        paths[w.Group1.Id].ShouldBe($"{moved}{w.Group1.Id}/");
        paths[w.Branch2.Id].ShouldBe(w.Branch2.Path, "a sibling is untouched");
        paths[w.General1.Id].ShouldBe(w.General1.Path);
        (await factory.WithDbAsync(db => db.Organizations.SingleAsync(o => o.Id == w.Branch1.Id))).ParentId.ShouldBe(w.General2.Id);
        (await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "organization.move" && a.EntityId == w.Branch1.Id.ToString()))).ShouldBe(1);

        // The admin of 第一党总支 no longer sees the branch that left their subtree.
        (await w.Admin1.GetAsync($"/api/admin/organizations/{w.Group1.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await w.Admin1.GetAsync($"/api/admin/members/{w.Member1.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Moved_members_stay_in_scope_of_their_branch_secretary()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        (await w.Super.PostAsJsonAsync($"/api/admin/organizations/{w.Branch1.Id}/move", new { newParentId = w.General2.Id })).EnsureSuccessStatusCode();

        (await w.Secretary1.GetAsync($"/api/admin/members/{w.Member1.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Moving_an_organisation_under_its_own_descendant_is_refused()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);

        var response = await w.Super.PostAsJsonAsync($"/api/admin/organizations/{w.General1.Id}/move", new { newParentId = w.Branch1.Id });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.JsonAsync()).GetProperty("type").GetString().ShouldBe("urn:learn:problem:organization-cycle");
        (await factory.WithDbAsync(db => db.Organizations.SingleAsync(o => o.Id == w.General1.Id))).Path.ShouldBe(w.General1.Path);
    }

    [Fact]
    public async Task Admin_creates_and_renames_inside_the_subtree_and_secretary_cannot_change_the_tree()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);

        var created = await w.Admin1.PostAsJsonAsync("/api/admin/organizations", new { parentId = w.General1.Id, name = "第四党支部", kind = "Branch" });
        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await created.JsonAsync();
        var id = body.GetProperty("id").GetInt64();
        body.GetProperty("path").GetString().ShouldBe($"{w.General1.Path}{id}/");
        body.GetProperty("kindName").GetString().ShouldBe("党支部");

        (await w.Admin1.PutAsJsonAsync($"/api/admin/organizations/{id}/name", new { name = "机关第四党支部" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await factory.WithDbAsync(db => db.Organizations.SingleAsync(o => o.Id == id))).Name.ShouldBe("机关第四党支部");

        (await w.Secretary1.PutAsJsonAsync($"/api/admin/organizations/{w.Branch1.Id}/name", new { name = "改名" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await w.Admin1.PostAsJsonAsync("/api/admin/organizations", new { parentId = w.General2.Id, name = "越权党支部", kind = "Branch" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await w.Admin1.PostAsJsonAsync("/api/admin/organizations", new { parentId = w.Branch1.Id, name = "党总支", kind = "GeneralBranch" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Terms_ending_within_n_days_lists_only_those_in_scope_and_in_the_window()
    {
        factory.Clock.SetShanghai(2026, 12, 1); // before signing in: organiser tokens live 8 hours
        var w = await OrganizerWorld.ArrangeAsync(factory);
        await w.Super.PutAsJsonAsync($"/api/admin/organizations/{w.Branch1.Id}/term", new { termStart = "2023-12-20", termEnd = "2026-12-20" });
        await w.Super.PutAsJsonAsync($"/api/admin/organizations/{w.Branch2.Id}/term", new { termStart = "2024-03-01", termEnd = "2027-03-01" });
        await w.Super.PutAsJsonAsync($"/api/admin/organizations/{w.Branch3.Id}/term", new { termStart = "2023-12-01", termEnd = "2026-12-10" });
        await w.Super.PutAsJsonAsync($"/api/admin/organizations/{w.Group1.Id}/term", new { termStart = "2023-11-01", termEnd = "2026-11-30" });

        var adminView = await (await w.Admin1.GetAsync("/api/admin/organizations/terms-ending?days=30")).JsonAsync();
        adminView.EnumerateArray().Select(o => o.GetProperty("id").GetInt64()).ShouldBe([w.Branch1.Id], "第二党支部 ends later, 第一党小组 already ended, 第三党支部 is out of scope");

        var superView = await (await w.Super.GetAsync("/api/admin/organizations/terms-ending?days=30")).JsonAsync();
        superView.EnumerateArray().Select(o => o.GetProperty("id").GetInt64()).ShouldBe([w.Branch3.Id, w.Branch1.Id]);
    }

    [Fact]
    public async Task Terms_already_ended_are_listed_as_overdue_in_scope_only_longest_overdue_first()
    {
        factory.Clock.SetShanghai(2026, 12, 1);
        var w = await OrganizerWorld.ArrangeAsync(factory);
        await w.Super.PutAsJsonAsync($"/api/admin/organizations/{w.Branch1.Id}/term", new { termStart = "2023-11-30", termEnd = "2026-11-30" });
        await w.Super.PutAsJsonAsync($"/api/admin/organizations/{w.Group1.Id}/term", new { termStart = "2023-06-01", termEnd = "2026-06-01" });
        await w.Super.PutAsJsonAsync($"/api/admin/organizations/{w.Branch2.Id}/term", new { termStart = "2023-12-01", termEnd = "2026-12-01" });
        await w.Super.PutAsJsonAsync($"/api/admin/organizations/{w.Branch3.Id}/term", new { termStart = "2023-01-01", termEnd = "2026-01-01" });

        var adminView = await (await w.Admin1.GetAsync("/api/admin/organizations/terms-overdue")).JsonAsync();
        adminView.EnumerateArray().Select(o => o.GetProperty("id").GetInt64())
            .ShouldBe([w.Group1.Id, w.Branch1.Id], "第二党支部 ends today (not yet overdue), 第三党支部 is out of scope");
        (await (await w.Super.GetAsync("/api/admin/organizations/terms-overdue")).JsonAsync()).EnumerateArray()
            .Select(o => o.GetProperty("id").GetInt64()).ShouldContain(w.Branch3.Id);
    }
}
