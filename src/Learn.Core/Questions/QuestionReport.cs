using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Questions;

/// <summary>答题纠错: a member's note that a question (as they saw it) is wrong; organisers resolve it.</summary>
public class QuestionReport
{
    public long Id { get; set; }
    public long QuestionId { get; set; }
    public long QuestionVersionId { get; set; }
    public long MemberId { get; set; }
    public long? ContestId { get; set; }
    public required string Note { get; set; }
    public QuestionReportStatus Status { get; set; }
    public string? Resolution { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
}

public enum QuestionReportStatus
{
    /// <summary>待处理</summary>
    Open,
    /// <summary>已采纳: the question was wrong (and may have been corrected by a new version).</summary>
    Resolved,
    /// <summary>未采纳: the question stands; the note says why.</summary>
    Rejected,
}

internal sealed class QuestionReportConfiguration : IEntityTypeConfiguration<QuestionReport>
{
    public void Configure(EntityTypeBuilder<QuestionReport> b)
    {
        b.Property(r => r.Note).HasMaxLength(500);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Resolution).HasMaxLength(500);
        b.Property(r => r.ResolvedBy).HasMaxLength(64);
        b.HasOne<QuestionVersion>().WithMany().HasForeignKey(r => r.QuestionVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.Status, r.CreatedAt });
        b.HasIndex(r => r.ContestId);
    }
}
