using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Contests;

/// <summary>
/// One participant of one contest and the result that counts (the best attempt so far). This row is
/// what boards are derived from: Redis is rebuilt from these, and the final ranking is frozen from them.
/// </summary>
public class ContestEntry
{
    public long Id { get; set; }
    public long ContestId { get; set; }
    public long MemberId { get; set; }
    /// <summary>The WeChat identity that took part: one identity per member per contest.</summary>
    public long IdentityId { get; set; }
    /// <summary>The member's unit when they joined; boards roll up along this path.</summary>
    public long OrganizationId { get; set; }
    public string OrganizationPath { get; set; } = "/";
    public int Score { get; set; }
    public int CorrectCount { get; set; }
    public long TotalMs { get; set; }
    /// <summary>When the counted attempt reached its score (the second tie-break).</summary>
    public DateTime? ReachedAt { get; set; }
    public long? BestAttemptId { get; set; }
    /// <summary>Score change made by the latest update (old score read inside the same UPDATE), for org roll-ups.</summary>
    public int LastDelta { get; set; }
    /// <summary>
    /// Raised by every answer that changes this row (0 at joining). The board keeps the version it shows and skips any change
    /// it already has or that is older (docs/decisions/0314-board-changes-by-entry-version.md).
    /// </summary>
    public int BoardVersion { get; set; }
    public bool Voided { get; set; }
    public DateTime JoinedAt { get; set; }
}

internal sealed class ContestEntryConfiguration : IEntityTypeConfiguration<ContestEntry>
{
    public void Configure(EntityTypeBuilder<ContestEntry> b)
    {
        b.Property(e => e.OrganizationPath).HasMaxLength(400);
        b.HasOne<Contest>().WithMany().HasForeignKey(e => e.ContestId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.ContestId, e.MemberId }).IsUnique();
    }
}
