using System.Net;
using System.Net.Http.Json;
using Learn.Admin.Tests.Support;

namespace Learn.Admin.Tests.Api.Organizers;

/// <summary>
/// Every organiser role against every kind of resource, inside and outside its scope. Outside is
/// always 404 with the same body as an id that does not exist, so ids cannot be probed.
/// </summary>
public class ScopeMatrixTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    private OrganizerWorld? _world;

    private async Task<OrganizerWorld> WorldAsync() => _world ??= await OrganizerWorld.ArrangeAsync(factory);

    public enum Role { Secretary1, Admin1, Super }

    public enum Target { Member1, Member2, Member3 }

    private static HttpClient Client(OrganizerWorld w, Role role) => role switch
    {
        Role.Secretary1 => w.Secretary1,
        Role.Admin1 => w.Admin1,
        _ => w.Super,
    };

    private static long MemberId(OrganizerWorld w, Target t) => t switch
    {
        Target.Member1 => w.Member1.Id,
        Target.Member2 => w.Member2.Id,
        _ => w.Member3.Id,
    };

    [Theory]
    [InlineData(Role.Secretary1, Target.Member1, true)]
    [InlineData(Role.Secretary1, Target.Member2, false)]
    [InlineData(Role.Secretary1, Target.Member3, false)]
    [InlineData(Role.Admin1, Target.Member1, true)]
    [InlineData(Role.Admin1, Target.Member2, true)]
    [InlineData(Role.Admin1, Target.Member3, false)]
    [InlineData(Role.Super, Target.Member1, true)]
    [InlineData(Role.Super, Target.Member2, true)]
    [InlineData(Role.Super, Target.Member3, true)]
    public async Task Member_endpoints_answer_only_inside_scope(Role role, Target target, bool visible)
    {
        var w = await WorldAsync();
        var client = Client(w, role);
        var id = MemberId(w, target);
        var expected = visible ? HttpStatusCode.OK : HttpStatusCode.NotFound;

        (await client.GetAsync($"/api/admin/members/{id}")).StatusCode.ShouldBe(expected);
        (await client.GetAsync($"/api/admin/members/{id}/mobile")).StatusCode.ShouldBe(expected);
        var search = await (await client.GetAsync("/api/admin/members?pageSize=100&status=all")).JsonAsync();
        search.GetProperty("items").EnumerateArray().Any(m => m.GetProperty("id").GetInt64() == id).ShouldBe(visible);
        if (!visible)
        {
            // Writes outside scope are 404 too, and change nothing.
            (await client.PutAsJsonAsync($"/api/admin/members/{id}", new { name = "篡改", gender = "Male", organizationId = 0, joinedPartyOn = "2000-01-01", isLeadingCadre = false }))
                .StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.PostAsJsonAsync($"/api/admin/members/{id}/status", new { status = "Deceased", leftOn = "2026-01-01" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.PostAsJsonAsync($"/api/admin/members/{id}/transfer", new { toOrganizationId = w.Branch1.Id })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.PostAsJsonAsync($"/api/admin/members/{id}/unbind", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
    }

    [Theory]
    [InlineData(Role.Secretary1, new[] { "Branch1", "Group1" })]
    [InlineData(Role.Admin1, new[] { "General1", "Branch1", "Group1", "Branch2" })]
    [InlineData(Role.Super, new[] { "Committee", "General1", "Branch1", "Group1", "Branch2", "General2", "Branch3" })]
    public async Task Organisation_list_and_reads_are_limited_to_the_subtree(Role role, string[] visible)
    {
        var w = await WorldAsync();
        var all = new Dictionary<string, long>
        {
            ["Committee"] = w.Committee.Id, ["General1"] = w.General1.Id, ["Branch1"] = w.Branch1.Id, ["Group1"] = w.Group1.Id,
            ["Branch2"] = w.Branch2.Id, ["General2"] = w.General2.Id, ["Branch3"] = w.Branch3.Id,
        };
        var client = Client(w, role);
        var listed = (await (await client.GetAsync("/api/admin/organizations")).JsonAsync()).EnumerateArray()
            .Select(o => o.GetProperty("id").GetInt64()).Where(all.ContainsValue).ToHashSet();
        listed.ShouldBe(visible.Select(v => all[v]).ToHashSet(), ignoreOrder: true);
        foreach (var (name, id) in all)
            (await client.GetAsync($"/api/admin/organizations/{id}")).StatusCode
                .ShouldBe(visible.Contains(name) ? HttpStatusCode.OK : HttpStatusCode.NotFound, name);
    }

    [Fact]
    public async Task Out_of_scope_and_nonexistent_ids_are_indistinguishable()
    {
        var w = await WorldAsync();
        var outOfScope = await w.Secretary1.GetAsync($"/api/admin/members/{w.Member2.Id}");
        var missing = await w.Secretary1.GetAsync("/api/admin/members/987654321");

        outOfScope.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var a = await outOfScope.JsonAsync();
        var b = await missing.JsonAsync();
        a.GetProperty("type").GetString().ShouldBe(b.GetProperty("type").GetString());
        a.GetProperty("title").GetString().ShouldBe(b.GetProperty("title").GetString());

        // Guessing ids one by one finds only the secretary's own member.
        var found = new List<long>();
        for (var id = 1L; id <= w.Member3.Id + 5; id++)
            if ((await w.Secretary1.GetAsync($"/api/admin/members/{id}")).StatusCode == HttpStatusCode.OK) found.Add(id);
        found.ShouldBe([w.Member1.Id]);
    }

    [Fact]
    public async Task Invitation_codes_and_exports_follow_the_same_scope()
    {
        var w = await WorldAsync();
        (await w.Secretary1.PostAsJsonAsync("/api/admin/invitation-codes", new { organizationId = w.Branch1.Id, validDays = 7, maxUses = 10 }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await w.Secretary1.PostAsJsonAsync("/api/admin/invitation-codes", new { organizationId = w.Branch2.Id, validDays = 7, maxUses = 10 }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var other = await (await w.Admin1.PostAsJsonAsync("/api/admin/invitation-codes", new { organizationId = w.Branch2.Id })).JsonAsync();

        var listed = await (await w.Secretary1.GetAsync("/api/admin/invitation-codes")).JsonAsync();
        listed.EnumerateArray().ShouldAllBe(c => c.GetProperty("organizationId").GetInt64() == w.Branch1.Id);
        (await w.Secretary1.PostAsync($"/api/admin/invitation-codes/{other.GetProperty("id").GetInt64()}/revoke", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await w.Secretary1.GetAsync($"/api/admin/roster/export?format=csv&organizationId={w.Branch2.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var csv = await (await w.Secretary1.GetAsync("/api/admin/roster/export?format=csv")).Content.ReadAsStringAsync();
        csv.ShouldContain("张红梅");
        csv.ShouldNotContain("李建国");
    }

    [Fact]
    public async Task Organiser_api_refuses_anonymous_callers_and_member_tokens()
    {
        (await factory.CreateClient().GetAsync("/api/admin/members")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var member = await Learn.TestSupport.TestData.CreateMemberClientAsync(factory, (await WorldAsync()).Member1.Id);
        (await member.GetAsync("/api/admin/members")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
