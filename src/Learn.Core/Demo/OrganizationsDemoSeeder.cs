using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Learn.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Learn.Core.Demo;

/// <summary>
/// Demo org tree (Demo/data/organizations.json), about 200 generated members and the organiser
/// sign-ins (admin, caizheng, zhibu1). Dates are relative to the seed day in Asia/Shanghai.
/// </summary>
public sealed class OrganizationsDemoSeeder : IDemoSeeder
{
    public int Order => 100;

    public async Task SeedAsync(LearnDbContext db, IServiceProvider services, CancellationToken ct)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var today = Shanghai.DayOf(now);
        var tree = DemoData.ReadJson<DemoTreeFile>("organizations.json");
        var names = DemoData.ReadJson<DemoNamesFile>("names.json");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var orgs = new List<(Organization Org, DemoOrgNode Node)>();
        AddTree(db, tree.Root, null, today, now.UtcDateTime, orgs);
        await db.SaveChangesAsync(ct);
        // Parents come before children in the list, so each parent's path is already set.
        foreach (var (org, _) in orgs) org.Path = (org.Parent?.Path ?? "/") + org.Id + "/";

        var generator = new DemoMemberGenerator(names, today, services.GetRequiredService<PersonalDataProtector>(), now.UtcDateTime);
        var members = generator.Generate(orgs.Where(o => o.Node.Members > 0).Select(o => Slot(o, orgs)));
        db.Members.AddRange(members);
        await db.SaveChangesAsync(ct);

        var keyed = orgs.Where(o => o.Node.Key is not null).ToDictionary(o => o.Node.Key!, o => o.Org);
        foreach (var spec in tree.Organizers) db.OrganizerAccounts.Add(Organizer(spec, keyed, members, now.UtcDateTime));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        services.GetRequiredService<ILoggerFactory>().CreateLogger<OrganizationsDemoSeeder>().LogInformation(
            "Demo: {Organizations} organisations, {Members} members, {Organizers} organiser accounts",
            orgs.Count, members.Count, tree.Organizers.Count);
    }

    private static void AddTree(LearnDbContext db, DemoOrgNode node, Organization? parent, DateOnly today, DateTime nowUtc,
        List<(Organization, DemoOrgNode)> added)
    {
        var termEnd = node.Term is null ? (DateOnly?)null : today.AddDays(node.Term.EndsInDays);
        var org = new Organization
        {
            Name = node.Name,
            Kind = node.Kind,
            Parent = parent,
            SortOrder = added.Count(a => a.Item1.Parent == parent),
            TermEnd = termEnd,
            TermStart = termEnd?.AddYears(-node.Term!.Years),
            CreatedAt = nowUtc,
        };
        db.Organizations.Add(org);
        added.Add((org, node));
        foreach (var child in node.Children ?? []) AddTree(db, child, org, today, nowUtc, added);
    }

    private static DemoSlot Slot((Organization Org, DemoOrgNode Node) o, List<(Organization Org, DemoOrgNode Node)> all)
    {
        // A 党小组's members belong to the branch above it.
        var branch = o.Org.Kind == OrganizationKind.Group ? o.Org.Parent! : o.Org;
        var retired = all.Single(a => a.Org == branch).Node.Retired;
        return new DemoSlot(o.Org, branch, retired, o.Node.Members);
    }

    private static OrganizerAccount Organizer(DemoOrganizerSpec spec, Dictionary<string, Organization> keyed,
        List<Member> members, DateTime nowUtc)
    {
        var org = spec.Organization is null ? null : keyed[spec.Organization];
        var secretary = spec.LinkSecretary
            ? members.Single(m => m.OrganizationId == org!.Id && m.Post == "支部书记")
            : null;
        var account = new OrganizerAccount
        {
            UserName = spec.UserName,
            DisplayName = spec.DisplayName ?? secretary?.Name ?? spec.UserName,
            Role = spec.Role,
            OrganizationId = org?.Id,
            MemberId = secretary?.Id,
            CreatedAt = nowUtc,
        };
        account.PasswordHash = new PasswordHasher<OrganizerAccount>().HashPassword(account, spec.Password);
        return account;
    }
}
