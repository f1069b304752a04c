using Learn.Core.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Notifications;

/// <summary>
/// One message to one member: written first, delivered later by the dispatcher in Learn.Jobs
/// (claim → start → send → mark; ADR 0401 explains what a crash between the steps does).
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    public long CampaignId { get; set; }
    public long MemberId { get; set; }

    /// <summary>The channel asked for; subscribe messages fall back to the Official Account.</summary>
    public NotificationChannel Channel { get; set; }

    /// <summary>The channel of the current or last send attempt.</summary>
    public NotificationChannel? SentVia { get; set; }

    public required string Template { get; set; }

    /// <summary>Template data: a JSON object of logical field name → value.</summary>
    public required string DataJson { get; set; }

    public string? Page { get; set; }
    public OutboxState State { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }

    /// <summary>Which dispatcher holds the row; every later write checks it, so a stolen lease writes nothing.</summary>
    public string? ClaimToken { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public DateTime? SendStartedAt { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>Stable reason code of a final failure (see <see cref="DeliveryReasons"/>).</summary>
    public string? FinalReason { get; set; }
    public int? ErrorCode { get; set; }
    public string? WeChatMsgId { get; set; }

    /// <summary>Unique per recipient per campaign; sent as WeChat's <c>client_msg_id</c>.</summary>
    public required string IdempotencyKey { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public static string KeyFor(long campaignId, long memberId) => $"c{campaignId}-m{memberId}";
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.Property(m => m.Channel).HasConversion<string>().HasMaxLength(32);
        b.Property(m => m.SentVia).HasConversion<string>().HasMaxLength(32);
        b.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.Template).HasMaxLength(64);
        b.Property(m => m.Page).HasMaxLength(200);
        b.Property(m => m.ClaimToken).HasMaxLength(36).IsConcurrencyToken();
        b.Property(m => m.FinalReason).HasMaxLength(64);
        b.Property(m => m.WeChatMsgId).HasMaxLength(64);
        b.Property(m => m.IdempotencyKey).HasMaxLength(64);
        b.HasOne<NotificationCampaign>().WithMany().HasForeignKey(m => m.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.IdempotencyKey).IsUnique();
        b.HasIndex(m => new { m.CampaignId, m.MemberId }).IsUnique();
        b.HasIndex(m => new { m.State, m.NextAttemptAt });
        // The fair claim (Learn.Jobs' OutboxClaims, docs/decisions/0411): skip-scans campaigns with due rows, then takes each one's first due.
        b.HasIndex(m => new { m.State, m.CampaignId, m.NextAttemptAt, m.Id });
    }
}
