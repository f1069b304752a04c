using Learn.Core.Data;
using Learn.Core.Notices;
using Learn.Core.Notifications;
using Learn.Jobs.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Notices;

/// <summary>
/// The recipients of an organiser's notice (written in Learn.Admin): the active members of the chosen
/// organisations' subtrees, or everyone for a super admin's notice; one text for all.
/// </summary>
public sealed class NoticeRecipients : IRecipientSource
{
    public string Name => NoticeAudience.SourceName;

    public async Task<IReadOnlyList<RecipientRow>> PageAsync(LearnDbContext db, NotificationCampaign campaign, long afterMemberId, int take, CancellationToken ct) =>
        await NoticeAudience.FromJson(campaign.SourceJson).Members(db)
            .Where(m => m.Id > afterMemberId)
            .OrderBy(m => m.Id).Select(m => new RecipientRow(m.Id, null)).Take(take).ToListAsync(ct);
}
