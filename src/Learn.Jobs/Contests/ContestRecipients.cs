using System.Globalization;
using System.Text.Json;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Notifications;
using Learn.Jobs.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Contests;

/// <summary>The contest a contest campaign is about (its <see cref="NotificationCampaign.SourceJson"/>).</summary>
public sealed record ContestRef(long ContestId)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static long Of(NotificationCampaign campaign) =>
        (campaign.SourceJson is { } json ? JsonSerializer.Deserialize<ContestRef>(json) : null)?.ContestId
        ?? throw new InvalidOperationException($"Campaign {campaign.Key} names no contest.");
}

/// <summary>Everyone on a closed contest's final ranking, with their own rank and score.</summary>
public sealed class ContestResultRecipients : IRecipientSource
{
    public const string SourceName = "contest-result";

    public string Name => SourceName;

    public async Task<IReadOnlyList<RecipientRow>> PageAsync(LearnDbContext db, NotificationCampaign campaign, long afterMemberId, int take, CancellationToken ct)
    {
        var contestId = ContestRef.Of(campaign);
        var ranks = await db.Set<ContestFinalRank>().AsNoTracking()
            .Where(r => r.ContestId == contestId && r.MemberId > afterMemberId)
            .OrderBy(r => r.MemberId).Select(r => new { r.MemberId, r.Rank, r.Score }).Take(take).ToListAsync(ct);
        return ranks.Select(r => new RecipientRow(r.MemberId, new Dictionary<string, string>
        {
            ["rank"] = r.Rank.ToString(CultureInfo.InvariantCulture),
            ["score"] = r.Score.ToString(CultureInfo.InvariantCulture),
            ["note"] = MessageText.Fit($"第{r.Rank}名，得分{r.Score}，感谢参与"),
        })).ToList();
    }
}

/// <summary>Active members in a contest's audience (organisation subtrees and whitelist) who have not taken part.</summary>
public sealed class ContestReminderRecipients : IRecipientSource
{
    public const string SourceName = "contest-reminder";

    public string Name => SourceName;

    public async Task<IReadOnlyList<RecipientRow>> PageAsync(LearnDbContext db, NotificationCampaign campaign, long afterMemberId, int take, CancellationToken ct)
    {
        var contestId = ContestRef.Of(campaign);
        var contest = await db.Set<Contest>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == contestId, ct);
        if (contest is null) return []; // deleted since the job decided: nobody to remind
        var took = db.Set<ContestEntry>().Where(e => e.ContestId == contestId).Select(e => e.MemberId);
        return await ContestAudience.Members(db, contest).AsNoTracking()
            .Where(m => m.Id > afterMemberId && !took.Contains(m.Id))
            .OrderBy(m => m.Id).Select(m => new RecipientRow(m.Id, null)).Take(take).ToListAsync(ct);
    }
}
