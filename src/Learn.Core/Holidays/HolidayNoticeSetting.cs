using Learn.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Holidays;

/// <summary>
/// What organisers edit for one holiday's integrity notice: the text and the audience. When it is sent
/// (which holidays, how many days before, at what time) is configuration, so the preview needs no database.
/// </summary>
public class HolidayNoticeSetting
{
    public long Id { get; set; }
    public Holiday Holiday { get; set; }

    /// <summary>Shown as the message's title field (≤ 20 characters, WeChat's limit).</summary>
    public required string Title { get; set; }

    /// <summary>The reminder itself (≤ 20 characters); <c>{holiday}</c> is replaced by the holiday's name.</summary>
    public required string Content { get; set; }

    /// <summary><see cref="CampaignAudience.Everyone"/> or <see cref="CampaignAudience.LeadingCadres"/>.</summary>
    public CampaignAudience Audience { get; set; } = CampaignAudience.Everyone;

    public DateTime UpdatedAt { get; set; }
    public long? UpdatedByOrganizerId { get; set; }

    /// <summary>The text used until an organiser writes their own.</summary>
    public static HolidayNoticeSetting DefaultFor(Holiday holiday) => new()
    {
        Holiday = holiday,
        Title = "节前廉政提醒",
        Content = "{holiday}将至，请严守廉洁纪律",
        Audience = CampaignAudience.Everyone,
    };
}

internal sealed class HolidayNoticeSettingConfiguration : IEntityTypeConfiguration<HolidayNoticeSetting>
{
    public void Configure(EntityTypeBuilder<HolidayNoticeSetting> b)
    {
        b.Property(s => s.Holiday).HasConversion<string>().HasMaxLength(32);
        b.Property(s => s.Audience).HasConversion<string>().HasMaxLength(32);
        b.Property(s => s.Title).HasMaxLength(40);
        b.Property(s => s.Content).HasMaxLength(100);
        b.HasIndex(s => s.Holiday).IsUnique();
    }
}
