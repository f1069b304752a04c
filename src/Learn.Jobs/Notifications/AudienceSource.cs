using Learn.Core.Data;
using Learn.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Notifications;

/// <summary>An audience campaign (everyone, or leading cadres, within its scope): one message text for all.</summary>
public sealed class AudienceSource : IRecipientSource
{
    /// <summary>Audience campaigns carry no rule name; the expander serves them with this one.</summary>
    public const string SourceName = "audience";

    public string Name => SourceName;

    public async Task<IReadOnlyList<RecipientRow>> PageAsync(LearnDbContext db, NotificationCampaign campaign, long afterMemberId, int take, CancellationToken ct) =>
        await Audiences.Members(db, campaign.Audience, campaign.ScopePath)
            .Where(m => m.Id > afterMemberId)
            .OrderBy(m => m.Id).Select(m => new RecipientRow(m.Id, null)).Take(take).ToListAsync(ct);
}
