using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Learn.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Learn.Admin.Tests.Support;

namespace Learn.Admin.Tests.Api.Organizers;

/// <summary>
/// A small tree with organisers at each level, for the organiser API tests:
/// 机关党委 ─┬ 第一党总支 ─┬ 第一党支部 ── 第一党小组
///           │             └ 第二党支部
///           └ 第二党总支 ── 第三党支部
/// Secretary of 第一党支部, admin of 第一党总支, super admin; one member in each branch.
/// </summary>
public sealed record OrganizerWorld(
    Organization Committee, Organization General1, Organization Branch1, Organization Group1, Organization Branch2,
    Organization General2, Organization Branch3, Member Member1, Member Member2, Member Member3,
    HttpClient Secretary1, HttpClient Admin1, HttpClient Super, string Suffix)
{
    public const string Password = OrganizerTestData.Password;

    public static async Task<OrganizerWorld> ArrangeAsync(AdminApiFactory factory)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (c, g1, b1, grp, b2, g2, b3, m1, m2, m3) = await factory.WithDbAsync(async db =>
        {
            var c = await db.AddOrganizationAsync("机关党委" + suffix, OrganizationKind.PartyCommittee);
            var g1 = await db.AddOrganizationAsync("第一党总支", OrganizationKind.GeneralBranch, c);
            var b1 = await db.AddOrganizationAsync("第一党支部", OrganizationKind.Branch, g1);
            var grp = await db.AddOrganizationAsync("第一党小组", OrganizationKind.Group, b1);
            var b2 = await db.AddOrganizationAsync("第二党支部", OrganizationKind.Branch, g1);
            var g2 = await db.AddOrganizationAsync("第二党总支", OrganizationKind.GeneralBranch, c);
            var b3 = await db.AddOrganizationAsync("第三党支部", OrganizationKind.Branch, g2);
            var m1 = await db.AddMemberAsync(b1, "张红梅");
            var m2 = await db.AddMemberAsync(b2, "李建国");
            var m3 = await db.AddMemberAsync(b3, "王志强");
            await db.AddOrganizerAsync("sec" + suffix, OrganizerRole.BranchSecretary, b1);
            await db.AddOrganizerAsync("adm" + suffix, OrganizerRole.OrganizationAdmin, g1);
            await db.AddOrganizerAsync("sup" + suffix, OrganizerRole.SuperAdmin, null);
            return (c, g1, b1, grp, b2, g2, b3, m1, m2, m3);
        });
        return new OrganizerWorld(c, g1, b1, grp, b2, g2, b3, m1, m2, m3,
            await factory.SignInAsync("sec" + suffix), await factory.SignInAsync("adm" + suffix), await factory.SignInAsync("sup" + suffix), suffix);
    }
}

public static class OrganizerApiClients
{
    /// <summary>Signs in over HTTP and returns a client carrying the organiser's bearer token.</summary>
    public static async Task<HttpClient> SignInAsync(this AdminApiFactory factory, string userName, string password = OrganizerWorld.Password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = factory.BaseAddress });
        var response = await client.PostAsJsonAsync("/api/admin/auth/sign-in", new { userName, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        return client;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
