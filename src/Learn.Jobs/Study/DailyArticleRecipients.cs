using System.Text.Json;
using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Notifications;
using Learn.Jobs.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Study;

/// <summary>The daily push's recipients: active members following the Official Account whose organisation has an article today.</summary>
public sealed class DailyArticleRecipients : IRecipientSource
{
    public const string SourceName = "daily-article";

    /// <summary>An organisation's article of the day, already fitted to the template's fields.</summary>
    public sealed record Headline(string Title, string Column);

    public string Name => SourceName;

    public async Task<IReadOnlyList<RecipientRow>> PageAsync(LearnDbContext db, NotificationCampaign campaign, long afterMemberId, int take, CancellationToken ct)
    {
        var byOrganization = JsonSerializer.Deserialize<Dictionary<long, Headline>>(campaign.SourceJson ?? "{}") ?? [];
        var organizations = byOrganization.Keys.ToArray();
        var followers = await db.Members.AsNoTracking()
            .Where(m => m.Id > afterMemberId && m.Status == MemberStatus.Active && organizations.Contains(m.OrganizationId)
                && Audiences.FollowingOfficialAccount(db).Contains(m.Id))
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.OrganizationId }).Take(take).ToListAsync(ct);
        return followers.Select(f => new RecipientRow(f.Id, new Dictionary<string, string>
        {
            ["title"] = byOrganization[f.OrganizationId].Title,
            ["column"] = byOrganization[f.OrganizationId].Column,
        })).ToList();
    }
}
