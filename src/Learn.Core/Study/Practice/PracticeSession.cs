using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Study.Practice;

/// <summary>
/// 每日答题: one member's practice of one Asia/Shanghai day. Drawn once, on the member's first look that
/// day, so reopening the page (or two phones at once) shows the same questions; the unique
/// (member, day) index makes a second draw lose instead of adding another practice.
/// </summary>
public class PracticeSession
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public DateOnly Day { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// One question of a practice, pinned to the version drawn (an edit later does not change it). The first
/// answer counts: <see cref="Response"/> is written once, and the points follow from it.
/// </summary>
public class PracticeItem
{
    public long Id { get; set; }
    public long SessionId { get; set; }
    public int Seq { get; set; }
    public long QuestionVersionId { get; set; }
    public string? Response { get; set; }
    public bool? Correct { get; set; }
    public DateTime? AnsweredAt { get; set; }

    /// <summary>Quiz points granted for this answer; null until the award was recorded (see DailyPractice.AnswerAsync).</summary>
    public int? PointsAwarded { get; set; }
}

internal sealed class PracticeSessionConfiguration : IEntityTypeConfiguration<PracticeSession>
{
    public void Configure(EntityTypeBuilder<PracticeSession> b)
    {
        b.HasIndex(s => new { s.MemberId, s.Day }).IsUnique();
        b.HasOne<Members.Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PracticeItemConfiguration : IEntityTypeConfiguration<PracticeItem>
{
    public void Configure(EntityTypeBuilder<PracticeItem> b)
    {
        b.Property(i => i.Response).HasMaxLength(200);
        b.HasOne<PracticeSession>().WithMany().HasForeignKey(i => i.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Questions.QuestionVersion>().WithMany().HasForeignKey(i => i.QuestionVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.SessionId, i.Seq }).IsUnique();
    }
}
