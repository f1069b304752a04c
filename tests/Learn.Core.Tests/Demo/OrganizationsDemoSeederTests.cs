using System.Security.Cryptography;
using Learn.Core.Data;
using Learn.Core.Demo;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Learn.Core.Security;
using Learn.Core.Tests.Data;
using Learn.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Core.Tests.Demo;

public class OrganizationsDemoSeederTests
{
    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task Seeds_a_consistent_tree_roster_and_organiser_logins(DatabaseProvider provider)
    {
        await using var database = await EmptyDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var clock = new TestClock();
        clock.SetShanghai(2026, 3, 1, hour: 0, minute: 30); // just after midnight: the UTC date is still 28 Feb
        var services = Services(clock);

        await using (var db = database.NewContext())
            await new OrganizationsDemoSeeder().SeedAsync(db, services, CancellationToken.None);

        await using var read = database.NewContext();
        var orgs = await read.Organizations.AsNoTracking().ToListAsync();
        var members = await read.Members.AsNoTracking().ToListAsync();
        var byId = orgs.ToDictionary(o => o.Id);

        orgs.Count(o => o.ParentId is null).ShouldBe(1);
        foreach (var org in orgs)
            org.Path.ShouldBe((org.ParentId is { } p ? byId[p].Path : "/") + org.Id + "/", org.Name);
        orgs.Where(o => o.Kind == OrganizationKind.Group).ShouldAllBe(g => byId[g.ParentId!.Value].Kind == OrganizationKind.Branch);
        orgs.Count(o => o.TermEnd > new DateOnly(2026, 3, 1) && o.TermEnd <= new DateOnly(2026, 5, 30)).ShouldBeGreaterThanOrEqualTo(2);

        members.Count.ShouldBeInRange(190, 220);
        members.Select(m => m.Name).ShouldBeUnique();
        foreach (var branch in orgs.Where(o => o.Kind == OrganizationKind.Branch))
            members.Count(m => m.OrganizationId == branch.Id && m.Post == "支部书记").ShouldBe(1, branch.Name);
        members.Where(m => m.Post is not null).ShouldAllBe(m => m.FullMemberOn != null && m.Status == MemberStatus.Active);

        var active = members.Where(m => m.Status == MemberStatus.Active).ToList();
        active.Count(m => m.JoinedPartyOn is { Month: 3, Day: 1 }).ShouldBeGreaterThanOrEqualTo(3, "political birthdays today");
        active.Count(m => m.JoinedPartyOn is { Month: 3, Day: 2 }).ShouldBeGreaterThanOrEqualTo(3, "political birthdays tomorrow");
        foreach (var years in new[] { 10, 20, 30, 40, 50 })
            active.ShouldContain(m => m.JoinedPartyOn == new DateOnly(2026 - years, 3, 1), $"{years} years in the Party today");
        members.Min(m => m.JoinedPartyOn.Year).ShouldBeLessThan(1980);
        members.Where(m => m.FullMemberOn is null).ShouldAllBe(m => m.JoinedPartyOn > new DateOnly(2025, 3, 1));
        members.Count(m => m.FullMemberOn is null).ShouldBeGreaterThanOrEqualTo(3);
        members.Where(m => m.FullMemberOn is not null).ShouldAllBe(m => m.FullMemberOn == m.JoinedPartyOn.AddYears(1));
        members.Count(m => m.IsLeadingCadre).ShouldBeInRange(15, 30);
        members.Count(m => m.Status == MemberStatus.MovedAway).ShouldBeGreaterThanOrEqualTo(1);
        members.Count(m => m.Status == MemberStatus.Deceased).ShouldBeGreaterThanOrEqualTo(1);
        members.ShouldAllBe(m => (m.Status == MemberStatus.Active) == (m.LeftOn == null));
        members.Select(m => m.Gender).Distinct().Count().ShouldBe(2);

        var protector = services.GetRequiredService<PersonalDataProtector>();
        foreach (var m in members)
        {
            var mobile = protector.Decrypt(m.MobileCipher!);
            Mobile.Normalize(mobile).ShouldBe(mobile);
            m.MobileHash.ShouldBe(protector.LookupHash(mobile));
            m.MobileMasked.ShouldBe(Mobile.Mask(mobile));
        }
        members.Select(m => m.MobileHash).ShouldBeUnique();

        await AssertOrganizersAsync(read, orgs, members);
    }

    private static async Task AssertOrganizersAsync(LearnDbContext db, List<Organization> orgs, List<Member> members)
    {
        var accounts = await db.OrganizerAccounts.AsNoTracking().ToDictionaryAsync(a => a.UserName);
        var hasher = new PasswordHasher<OrganizerAccount>();
        foreach (var account in accounts.Values)
            hasher.VerifyHashedPassword(account, account.PasswordHash, "Learn@2026").ShouldNotBe(PasswordVerificationResult.Failed, account.UserName);
        hasher.VerifyHashedPassword(accounts["admin"], accounts["admin"].PasswordHash, "learn@2026").ShouldBe(PasswordVerificationResult.Failed);

        accounts["admin"].ShouldSatisfyAllConditions(a => a.Role.ShouldBe(OrganizerRole.SuperAdmin),
            a => a.OrganizationId.ShouldBeNull(), a => a.DisplayName.ShouldBe("系统管理员"));
        var caizheng = accounts["caizheng"];
        caizheng.Role.ShouldBe(OrganizerRole.OrganizationAdmin);
        orgs.Single(o => o.Id == caizheng.OrganizationId).Name.ShouldBe("市财政局机关党委");
        var zhibu1 = accounts["zhibu1"];
        zhibu1.Role.ShouldBe(OrganizerRole.BranchSecretary);
        var branch = orgs.Single(o => o.Id == zhibu1.OrganizationId);
        branch.Kind.ShouldBe(OrganizationKind.Branch);
        branch.IsWithin(orgs.Single(o => o.Id == caizheng.OrganizationId).Path).ShouldBeTrue();
        var secretary = members.Single(m => m.Id == zhibu1.MemberId);
        secretary.ShouldSatisfyAllConditions(s => s.Post.ShouldBe("支部书记"), s => s.OrganizationId.ShouldBe(branch.Id));
        zhibu1.DisplayName.ShouldBe(secretary.Name);
    }

    private static ServiceProvider Services(TimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddLogging();
        services.AddOptions<PersonalDataOptions>().Configure(o => o.PersonalDataKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        services.AddSingleton<PersonalDataProtector>();
        return services.BuildServiceProvider();
    }
}
