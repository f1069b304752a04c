using Learn.Core.Data;
using Learn.Core.Identity;
using Learn.Core.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Core.Demo;

/// <summary>
/// WeChat identities for most of the roster, as after some months of use: about three in four members bound in
/// the Mini Program and following the Official Account (every political birthday today among them, so the
/// greeting has someone to reach). Openids are <c>sim_seed_…</c>: the simulator never issues those.
/// </summary>
internal sealed class DemoIdentitiesSeeder(TimeProvider clock, IConfiguration configuration) : IDemoSeeder
{
    public int Order => 600;

    public async Task SeedAsync(LearnDbContext db, IServiceProvider services, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Shanghai.Today(clock);
        var players = await DemoPlayersSeeder.MemberIdsAsync(db, ct);
        var members = await db.Members.AsNoTracking().Where(m => m.Status == MemberStatus.Active && !players.Contains(m.Id))
            .Select(m => new { m.Id, m.JoinedPartyOn }).OrderBy(m => m.Id).ToListAsync(ct);
        var rng = new Random(2026);
        var miniProgram = configuration["WeChat:MiniProgram:AppId"] ?? "wx-demo-mp";
        var officialAccount = configuration["WeChat:OfficialAccount:AppId"] ?? "wx-demo-oa";
        foreach (var m in members)
        {
            var birthdayToday = m.JoinedPartyOn.Month == today.Month && m.JoinedPartyOn.Day == today.Day;
            if (!birthdayToday && rng.NextDouble() > 0.75) continue;
            var since = now.AddDays(-rng.Next(20, 200));
            db.WeChatIdentities.Add(Identity(WeChatAppKind.MiniProgram, miniProgram, $"sim_seed_mp_{m.Id}", m.Id, since, now));
            var oa = Identity(WeChatAppKind.OfficialAccount, officialAccount, $"sim_seed_oa_{m.Id}", m.Id, since, now);
            oa.Subscribed = true;
            db.WeChatIdentities.Add(oa);
        }
        await db.SaveChangesAsync(ct);
    }

    private static WeChatIdentity Identity(WeChatAppKind kind, string appId, string openId, long memberId, DateTime since, DateTime now) => new()
    {
        AppKind = kind, AppId = appId, OpenId = openId, MemberId = memberId, BoundAt = since, CreatedAt = since, LastSeenAt = now,
    };
}
