using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Contests;

/// <summary>One go at a contest (a live contest has exactly one per member).</summary>
public class ContestAttempt
{
    public long Id { get; set; }
    public long ContestId { get; set; }
    public long MemberId { get; set; }
    /// <summary>1, 2, …: unique per member and contest, so two simultaneous starts cannot both pass the limits.</summary>
    public int Number { get; set; }
    public DateTime StartedAt { get; set; }
    /// <summary>Calendar day in Asia/Shanghai, for attempts per day.</summary>
    public DateOnly StartedOn { get; set; }
    public AttemptStatus Status { get; set; }
    /// <summary>Questions drawn for a timed paper; 0 = open-ended (challenge, live).</summary>
    public int QuestionCount { get; set; }
    public int AnsweredCount { get; set; }
    public int Score { get; set; }
    public int CorrectCount { get; set; }
    public long TotalMs { get; set; }
    public DateTime? ReachedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}

public enum AttemptStatus
{
    InProgress,
    Finished,
}

/// <summary>A question given in an attempt, and when: the server's clock decides what is late.</summary>
public class AttemptQuestion
{
    public long Id { get; set; }
    public long AttemptId { get; set; }
    public int Seq { get; set; }
    public long QuestionVersionId { get; set; }
    /// <summary>Null until shown to the member; the time limit runs from here.</summary>
    public DateTime? IssuedAt { get; set; }
    public DateTime? Deadline { get; set; }
}

internal sealed class ContestAttemptConfiguration : IEntityTypeConfiguration<ContestAttempt>
{
    public void Configure(EntityTypeBuilder<ContestAttempt> b)
    {
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Contest>().WithMany().HasForeignKey(a => a.ContestId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.ContestId, a.MemberId, a.Number }).IsUnique();
    }
}

internal sealed class AttemptQuestionConfiguration : IEntityTypeConfiguration<AttemptQuestion>
{
    public void Configure(EntityTypeBuilder<AttemptQuestion> b)
    {
        b.HasOne<ContestAttempt>().WithMany().HasForeignKey(q => q.AttemptId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(q => new { q.AttemptId, q.Seq }).IsUnique();
    }
}
