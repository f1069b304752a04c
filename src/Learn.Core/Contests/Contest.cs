using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Contests;

/// <summary>
/// A knowledge contest: window, audience (organisation subtrees and/or a whitelist), mode and rules.
/// Rules are plain columns so the answer path reads one row; see <see cref="ContestMode"/>.
/// </summary>
public class Contest
{
    public long Id { get; set; }
    public required string Title { get; set; }
    /// <summary>Rules as shown on the contest page (Chinese, Markdown allowed).</summary>
    public string Description { get; set; } = "";
    public ContestMode Mode { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }

    /// <summary>The organising unit; organisers manage contests within their scope path.</summary>
    public long OrganizationId { get; set; }
    public string OrganizationPath { get; set; } = "/";

    /// <summary>Audience subtrees as <c>|/1/4/|/1/9/|</c>; empty with a whitelist only.</summary>
    public string AudiencePaths { get; set; } = "";
    /// <summary>Also (or only) the members in <see cref="ContestWhitelistEntry"/>.</summary>
    public bool HasWhitelist { get; set; }

    /// <summary>Categories to draw from as <c>|党史|党章|</c>; empty = all.</summary>
    public string Categories { get; set; } = "";
    public int EasyCount { get; set; }
    public int MediumCount { get; set; }
    public int HardCount { get; set; }
    public int SecondsPerQuestion { get; set; } = 20;
    /// <summary>0 = no limit.</summary>
    public int AttemptsPerDay { get; set; }
    /// <summary>0 = no limit.</summary>
    public int AttemptsTotal { get; set; }
    public int PointsPerCorrect { get; set; } = 10;
    /// <summary>Extra points for an instant answer, falling linearly to 0 at the deadline; 0 = no speed bonus.</summary>
    public int SpeedBonusMax { get; set; }
    /// <summary>Answers faster than this are flagged for organisers as humanly implausible.</summary>
    public int MinHumanMs { get; set; } = 800;
    public bool HideBoardUntilClose { get; set; }
    /// <summary>Boards, final results and live events readable without sign-in (the big screen); otherwise audience only.</summary>
    public bool PublicBoard { get; set; }

    public DateTime CreatedAt { get; set; }
    /// <summary>Set by <see cref="ContestLifecycle.CloseAsync"/> once the final ranking is frozen.</summary>
    public DateTime? ClosedAt { get; set; }
    /// <summary>Set when a result voided after the close recomputed the frozen ranking (shown as 修订).</summary>
    public DateTime? FinalRevisedAt { get; set; }

    public int QuestionCount => EasyCount + MediumCount + HardCount;
    public IReadOnlyList<string> AudiencePathList => AudiencePaths.Split('|', StringSplitOptions.RemoveEmptyEntries);
    public IReadOnlyList<string> CategoryList => Categories.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public bool IsOpenAt(DateTime now) => ClosedAt is null && now >= StartsAt && now < EndsAt;
    public bool IsOverAt(DateTime now) => ClosedAt is not null || now >= EndsAt;
}

public enum ContestMode
{
    /// <summary>限时答题: N drawn questions per attempt, best attempt counts.</summary>
    Timed,
    /// <summary>挑战答题: questions until the first wrong answer.</summary>
    Challenge,
    /// <summary>直播竞答: the host opens each question for everyone.</summary>
    Live,
}

public class ContestWhitelistEntry
{
    public long ContestId { get; set; }
    public long MemberId { get; set; }
}

internal sealed class ContestConfiguration : IEntityTypeConfiguration<Contest>
{
    public void Configure(EntityTypeBuilder<Contest> b)
    {
        b.Property(c => c.Title).HasMaxLength(100);
        b.Property(c => c.Mode).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.OrganizationPath).HasMaxLength(400);
        b.Property(c => c.AudiencePaths).HasMaxLength(2000);
        b.Property(c => c.Categories).HasMaxLength(200);
        b.Ignore(c => c.QuestionCount);
        b.Ignore(c => c.AudiencePathList);
        b.Ignore(c => c.CategoryList);
        b.HasIndex(c => c.EndsAt);
    }
}

internal sealed class ContestWhitelistEntryConfiguration : IEntityTypeConfiguration<ContestWhitelistEntry>
{
    public void Configure(EntityTypeBuilder<ContestWhitelistEntry> b)
    {
        b.ToTable("contest_whitelist");
        b.HasKey(w => new { w.ContestId, w.MemberId });
        b.HasOne<Contest>().WithMany().HasForeignKey(w => w.ContestId).OnDelete(DeleteBehavior.Cascade);
    }
}
