using Learn.Core.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Notifications;

/// <summary>
/// Accepted one-time subscriptions (<c>wx.requestSubscribeMessage</c> → accept) a member has left for one
/// Mini Program template: each accept adds one, each subscribe message sent spends one.
/// </summary>
public class NotificationConsent
{
    public long Id { get; set; }
    public long MemberId { get; set; }

    /// <summary>WeChat's template id, as the Mini Program reports it.</summary>
    public required string TemplateId { get; set; }

    public int Remaining { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class NotificationConsentConfiguration : IEntityTypeConfiguration<NotificationConsent>
{
    public void Configure(EntityTypeBuilder<NotificationConsent> b)
    {
        b.Property(c => c.TemplateId).HasMaxLength(64);
        b.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.MemberId, c.TemplateId }).IsUnique();
    }
}
