using Learn.Core.Data;
using Learn.Core.Invitations;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Core.Demo;

/// <summary>
/// The members <c>./learn.sh demo</c> plays: one ordinary member in each of the first branches, each with a
/// personal invitation code <c>DEMO2026-01</c> … (the script knows the same list). They get no seeded WeChat
/// identity: binding is what the demo shows.
/// </summary>
public sealed class DemoPlayersSeeder : IDemoSeeder
{
    public const int Count = 8;

    public int Order => 210;

    public static string CodeOf(int n) => $"{DemoInvitationSeeder.DemoCode}-{n:00}";

    public async Task SeedAsync(LearnDbContext db, IServiceProvider services, CancellationToken ct)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var taken = await db.Set<InvitationCode>().Where(c => c.MemberId != null).Select(c => c.MemberId!.Value).ToListAsync(ct);
        var branches = await db.Organizations.Where(o => o.Kind == OrganizationKind.Branch).OrderBy(o => o.Path).Select(o => o.Id).ToListAsync(ct);
        var n = 0;
        foreach (var branch in branches)
        {
            if (n == Count) break;
            var member = await db.Members
                .Where(m => m.OrganizationId == branch && m.Status == MemberStatus.Active && m.Post == null && !taken.Contains(m.Id))
                .OrderBy(m => m.Id).FirstOrDefaultAsync(ct);
            if (member is null) continue;
            db.Add(new InvitationCode
            {
                Code = CodeOf(++n), OrganizationId = branch, MemberId = member.Id, MaxUses = 100, CreatedAt = now, ExpiresAt = now.AddYears(1),
            });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Members behind the player codes (the other seeders leave them unbound).</summary>
    internal static Task<List<long>> MemberIdsAsync(LearnDbContext db, CancellationToken ct) =>
        db.Set<InvitationCode>().Where(c => c.Code.StartsWith(DemoInvitationSeeder.DemoCode) && c.MemberId != null)
            .Select(c => c.MemberId!.Value).ToListAsync(ct);
}
