using Learn.Core.Data;
using Learn.Core.Invitations;
using Learn.Core.Organizations;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Invitations;

public class DemoInvitationSeederTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Seeder_issues_DEMO2026_for_the_first_branch_once()
    {
        var branch = await factory.WithDbAsync(async db =>
        {
            var root = await db.AddOrganizationAsync("演示机关党委", OrganizationKind.PartyCommittee);
            var general = await db.AddOrganizationAsync("演示党总支", OrganizationKind.GeneralBranch, root);
            var first = await db.AddOrganizationAsync("演示第一党支部", OrganizationKind.Branch, general);
            await db.AddOrganizationAsync("演示第二党支部", OrganizationKind.Branch, general);
            await db.AddMemberAsync(first, "演示书记", post: "支部书记");
            await db.AddMemberAsync(first, "演示党员");
            return first;
        });

        for (var run = 0; run < 2; run++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await new DemoInvitationSeeder().SeedAsync(scope.ServiceProvider.GetRequiredService<LearnDbContext>(), scope.ServiceProvider, default);
        }

        var codes = await factory.WithDbAsync(db => db.Set<InvitationCode>().Where(c => c.Code == "DEMO2026").ToListAsync());
        codes.Count.ShouldBe(1);
        codes[0].OrganizationId.ShouldBe(branch.Id);
        var member = await factory.WithDbAsync(db => db.Members.SingleAsync(m => m.Id == codes[0].MemberId));
        member.Name.ShouldBe("演示党员", "a personal code for an ordinary member, not the secretary");
        codes[0].ExpiresAt.ShouldBeGreaterThan(factory.Clock.GetUtcNow().UtcDateTime.AddDays(300));
    }
}
