using Learn.Core.Data;
using Learn.Core.Demo;
using Learn.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Learn.Core.Invitations;

/// <summary>
/// Demo invitation code <c>DEMO2026</c>: a personal code for one ordinary member of the first 党支部
/// of the demo tree (seeded at Order 100), so <c>{"invitationCode": "DEMO2026"}</c> alone binds a
/// Mini Program identity, exactly as the README and the Mini Program contract show.
/// </summary>
public sealed class DemoInvitationSeeder : IDemoSeeder
{
    public const string DemoCode = "DEMO2026";

    public int Order => 200;

    public async Task SeedAsync(LearnDbContext db, IServiceProvider services, CancellationToken ct)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<DemoInvitationSeeder>();
        var branch = await db.Organizations.Where(o => o.Kind == OrganizationKind.Branch).OrderBy(o => o.Id).FirstOrDefaultAsync(ct);
        if (branch is null)
        {
            logger.LogWarning("No 党支部 in the demo tree; invitation code {Code} not created.", DemoCode);
            return;
        }
        if (await db.Set<InvitationCode>().AnyAsync(c => c.Code == DemoCode, ct)) return;
        // An ordinary member (no Party post), so binding the demo code never hands out a secretary.
        var member = await db.Members
            .Where(m => m.OrganizationId == branch.Id && m.Status == Members.MemberStatus.Active)
            .OrderBy(m => m.Post != null).ThenBy(m => m.Id)
            .FirstOrDefaultAsync(ct);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        db.Add(new InvitationCode
        {
            Code = DemoCode, OrganizationId = branch.Id, MemberId = member?.Id, MaxUses = 1000, CreatedAt = now, ExpiresAt = now.AddYears(1),
        });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo invitation code {Code} issued for {Member} of {Branch}.", DemoCode, member?.Name ?? "(branch-wide)", branch.Name);
    }
}
