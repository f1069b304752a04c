using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Learn.Admin.Tests.Support;

namespace Learn.Admin.Tests.Api.Organizers;

public class OrganizerSignInTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    private async Task<string> ArrangeSecretaryAsync()
    {
        var userName = "sec" + Guid.NewGuid().ToString("N")[..8];
        await factory.WithDbAsync(async db =>
        {
            var branch = await db.AddOrganizationAsync("登录测试党支部", OrganizationKind.Branch);
            await db.AddOrganizerAsync(userName, OrganizerRole.BranchSecretary, branch);
        });
        return userName;
    }

    private Task<HttpResponseMessage> SignIn(string userName, string password) =>
        factory.CreateClient().PostAsJsonAsync("/api/admin/auth/sign-in", new { userName, password });

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_refusal()
    {
        var userName = await ArrangeSecretaryAsync();
        var wrong = await SignIn(userName, "not-the-password");
        var unknown = await SignIn("nobody-" + userName, "whatever-password");

        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var wrongBody = await wrong.JsonAsync();
        wrongBody.GetProperty("title").GetString().ShouldBe((await unknown.JsonAsync()).GetProperty("title").GetString());
        wrongBody.GetProperty("type").GetString().ShouldBe("urn:learn:problem:sign-in-failed");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes_even_against_the_right_one()
    {
        var userName = await ArrangeSecretaryAsync();
        for (var i = 0; i < OrganizerSignIn.MaxFailures; i++)
            (await SignIn(userName, "wrong-" + i)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var locked = await SignIn(userName, OrganizerWorld.Password);
        locked.StatusCode.ShouldBe(HttpStatusCode.Locked);
        (await locked.JsonAsync()).GetProperty("type").GetString().ShouldBe("urn:learn:problem:account-locked");
        var account = await factory.WithDbAsync(db => db.OrganizerAccounts.SingleAsync(a => a.UserName == userName));
        (await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "organizer.lockout" && a.ActorId == account.Id))).ShouldBe(1);

        factory.Clock.Advance(TimeSpan.FromMinutes(OrganizerSignIn.LockoutMinutes + 1));
        (await SignIn(userName, OrganizerWorld.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Password_is_stored_hashed_and_sign_out_ends_the_token()
    {
        var userName = await ArrangeSecretaryAsync();
        var account = await factory.WithDbAsync(db => db.OrganizerAccounts.SingleAsync(a => a.UserName == userName));
        account.PasswordHash.ShouldNotContain(OrganizerWorld.Password);

        var client = await factory.SignInAsync(userName);
        var me = await (await client.GetAsync("/api/admin/auth/me")).JsonAsync();
        me.GetProperty("role").GetString().ShouldBe("BranchSecretary");

        (await client.PostAsync("/api/admin/auth/sign-out", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetAsync("/api/admin/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Deactivated_account_loses_its_token_at_once()
    {
        var userName = await ArrangeSecretaryAsync();
        var client = await factory.SignInAsync(userName);
        await factory.WithDbAsync(db => db.OrganizerAccounts.Where(a => a.UserName == userName)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.IsActive, false)));

        (await client.GetAsync("/api/admin/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var forged = factory.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "made-up-token");
        (await forged.GetAsync("/api/admin/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Organisation_admin_creates_secretaries_only_inside_the_subtree_and_it_is_audited()
    {
        var (g1, b1, b3, admin) = await factory.WithDbAsync(async db =>
        {
            var root = await db.AddOrganizationAsync("账号测试机关党委", OrganizationKind.PartyCommittee);
            var g1 = await db.AddOrganizationAsync("账号测试党总支", OrganizationKind.GeneralBranch, root);
            var b1 = await db.AddOrganizationAsync("账号测试党支部", OrganizationKind.Branch, g1);
            var b3 = await db.AddOrganizationAsync("另一党支部", OrganizationKind.Branch, root);
            var admin = "adm" + Guid.NewGuid().ToString("N")[..8];
            await db.AddOrganizerAsync(admin, OrganizerRole.OrganizationAdmin, g1);
            return (g1, b1, b3, admin);
        });
        var client = await factory.SignInAsync(admin);
        var newUser = "new" + Guid.NewGuid().ToString("N")[..8];

        (await client.PostAsJsonAsync("/api/admin/organizers", new { userName = newUser, displayName = "新书记", password = "A-long-passw0rd", role = "BranchSecretary", organizationId = b1.Id }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsJsonAsync("/api/admin/organizers", new { userName = newUser + "x", displayName = "越权", password = "A-long-passw0rd", role = "BranchSecretary", organizationId = b3.Id }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostAsJsonAsync("/api/admin/organizers", new { userName = newUser + "y", displayName = "越权", password = "A-long-passw0rd", role = "SuperAdmin" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await factory.SignInAsync(newUser, "A-long-passw0rd")).ShouldNotBeNull();
        var entry = await factory.WithDbAsync(db => db.AuditLog.SingleAsync(a => a.Action == "organizer.create" && a.After!.Contains(newUser)));
        entry.After!.ShouldNotContain("A-long-passw0rd");
        g1.ShouldNotBeNull();
    }
}
