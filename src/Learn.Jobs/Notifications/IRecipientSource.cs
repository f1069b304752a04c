using Learn.Core.Data;
using Learn.Core.Notifications;

namespace Learn.Jobs.Notifications;

/// <summary>
/// A rule that lists one kind of campaign's recipients a page at a time, in member id order, so the
/// dispatcher can write a campaign of any size in bounded batches and resume after a crash from the last
/// member written (<see cref="NotificationCampaign.ExpandedThroughMemberId"/>).
/// </summary>
public interface IRecipientSource
{
    /// <summary>The value of <see cref="NotificationCampaign.RecipientSource"/> this rule serves.</summary>
    string Name { get; }

    /// <summary>
    /// Up to <paramref name="take"/> recipients with member ids above <paramref name="afterMemberId"/>, in ascending
    /// member id order; fewer than <paramref name="take"/> means the list is complete.
    /// </summary>
    Task<IReadOnlyList<RecipientRow>> PageAsync(LearnDbContext db, NotificationCampaign campaign, long afterMemberId, int take, CancellationToken ct);
}

/// <summary>One recipient; <paramref name="Fields"/> are laid over the campaign's data for this member only.</summary>
public readonly record struct RecipientRow(long MemberId, IReadOnlyDictionary<string, string>? Fields = null);
