using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Notifications;

/// <summary>
/// One sending occasion (today's birthdays, a holiday notice, a contest reminder). Its <see cref="Key"/> is
/// unique, so a job that runs twice for the same occasion finds the campaign and adds nothing.
/// </summary>
public class NotificationCampaign
{
    public long Id { get; set; }

    /// <summary>Natural key of the occasion, e.g. <c>birthday:2026-11-23</c>.</summary>
    public required string Key { get; set; }

    public required string Title { get; set; }

    /// <summary>Template name, a key of <c>Notifications:Templates</c>.</summary>
    public required string Template { get; set; }

    public NotificationChannel Channel { get; set; }
    public CampaignAudience Audience { get; set; }

    /// <summary>Organisation path that bounds an audience campaign; null for everyone.</summary>
    public string? ScopePath { get; set; }

    /// <summary>Template data of a campaign written in batches (JSON object of strings), copied to every row.</summary>
    public string? DataJson { get; set; }

    /// <summary>
    /// Which rule of Learn.Jobs lists an explicit campaign's recipients (e.g. <c>daily-article</c>), so the
    /// dispatcher writes its rows in batches rather than the job holding them all; null when the rows were
    /// written with the campaign, or for an audience campaign.
    /// </summary>
    public string? RecipientSource { get; set; }

    /// <summary>The rule's own parameters (JSON), e.g. the contest or the day; read only by that rule.</summary>
    public string? SourceJson { get; set; }

    public string? Page { get; set; }
    public CampaignState State { get; set; }

    /// <summary>Keyset cursor while <see cref="CampaignState.Expanding"/>: the last member id written.</summary>
    public long ExpandedThroughMemberId { get; set; }

    public int RecipientCount { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class NotificationCampaignConfiguration : IEntityTypeConfiguration<NotificationCampaign>
{
    public void Configure(EntityTypeBuilder<NotificationCampaign> b)
    {
        b.Property(c => c.Key).HasMaxLength(100);
        b.Property(c => c.Title).HasMaxLength(100);
        b.Property(c => c.Template).HasMaxLength(64);
        b.Property(c => c.Channel).HasConversion<string>().HasMaxLength(32);
        b.Property(c => c.Audience).HasConversion<string>().HasMaxLength(32);
        b.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.ScopePath).HasMaxLength(400);
        b.Property(c => c.Page).HasMaxLength(200);
        b.Property(c => c.RecipientSource).HasMaxLength(32);
        b.Property(c => c.ExpandedThroughMemberId).IsConcurrencyToken();
        b.HasIndex(c => c.Key).IsUnique();
        b.HasIndex(c => c.State);
    }
}
