using Learn.Core.Notifications;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Notices;

/// <summary>
/// An ad-hoc notice (通知) an organiser wrote and sent: the text, who wrote it, and the outbox campaign that
/// delivers it (whose rows are the delivery report). Scoped by the author's organisation, joined rather than
/// copied, so moving the organisation moves its notices too (docs/decisions/0801).
/// </summary>
public class Notice
{
    public long Id { get; set; }
    public long AuthorId { get; set; }
    public required string AuthorName { get; set; }

    /// <summary>The author's organisation when writing; null for a super admin (only super admins see those).</summary>
    public long? OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    public required string Title { get; set; }
    public required string Content { get; set; }
    public NotificationChannel Channel { get; set; }

    /// <summary>Who it went to, as organisers read it (e.g. 第一党支部、第二党支部); the rule itself is the campaign's.</summary>
    public required string Recipients { get; set; }

    public long CampaignId { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> b)
    {
        b.ToTable("notices");
        b.Property(n => n.AuthorName).HasMaxLength(100);
        b.Property(n => n.Title).HasMaxLength(NoticeMessage.FieldLimit);
        b.Property(n => n.Content).HasMaxLength(NoticeMessage.FieldLimit);
        b.Property(n => n.Channel).HasConversion<string>().HasMaxLength(32);
        b.Property(n => n.Recipients).HasMaxLength(400);
        b.HasOne<OrganizerAccount>().WithMany().HasForeignKey(n => n.AuthorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(n => n.Organization).WithMany().HasForeignKey(n => n.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<NotificationCampaign>().WithMany().HasForeignKey(n => n.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(n => n.CampaignId).IsUnique();
        b.HasIndex(n => new { n.AuthorId, n.CreatedAt });
    }
}
