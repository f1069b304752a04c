using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Contests;

/// <summary>
/// A stored answer. Unique per attempt and question: the first one wins, a retry with the same
/// <see cref="RequestId"/> gets the same result back, a different second answer is refused.
/// </summary>
public class ContestAnswer
{
    public long Id { get; set; }
    public long ContestId { get; set; }
    public long AttemptId { get; set; }
    public int Seq { get; set; }
    public long MemberId { get; set; }
    public long QuestionVersionId { get; set; }
    public required string RequestId { get; set; }
    public required string Response { get; set; }
    public DateTime AnsweredAt { get; set; }
    public long ElapsedMs { get; set; }
    public bool IsCorrect { get; set; }
    /// <summary>Arrived after the deadline (server time): scores nothing.</summary>
    public bool IsLate { get; set; }
    public int Points { get; set; }
    /// <summary>Faster than <see cref="Contest.MinHumanMs"/>: shown to organisers for review.</summary>
    public bool TooFast { get; set; }
}

/// <summary>A question the host of a live contest opened for everyone.</summary>
public class LiveRound
{
    public long Id { get; set; }
    public long ContestId { get; set; }
    public int Seq { get; set; }
    public long QuestionVersionId { get; set; }
    public DateTime OpenedAt { get; set; }
    public DateTime ClosesAt { get; set; }
    /// <summary>Set when the host closes the question (possibly before <see cref="ClosesAt"/>).</summary>
    public DateTime? ClosedAt { get; set; }
    public DateTime? RevealedAt { get; set; }

    public DateTime EffectiveClose => ClosedAt is { } c && c < ClosesAt ? c : ClosesAt;
}

/// <summary>The ranking frozen when a contest closes; stays queryable after Redis forgets the board.</summary>
public class ContestFinalRank
{
    public long Id { get; set; }
    public long ContestId { get; set; }
    public int Rank { get; set; }
    public long MemberId { get; set; }
    public long OrganizationId { get; set; }
    public string OrganizationPath { get; set; } = "/";
    public int Score { get; set; }
    public int CorrectCount { get; set; }
    public long TotalMs { get; set; }
    public DateTime? ReachedAt { get; set; }
}

internal sealed class ContestAnswerConfiguration : IEntityTypeConfiguration<ContestAnswer>
{
    public void Configure(EntityTypeBuilder<ContestAnswer> b)
    {
        b.Property(a => a.RequestId).HasMaxLength(64);
        b.Property(a => a.Response).HasMaxLength(500);
        b.HasIndex(a => new { a.AttemptId, a.Seq }).IsUnique();
        b.HasIndex(a => new { a.ContestId, a.MemberId });
    }
}

internal sealed class LiveRoundConfiguration : IEntityTypeConfiguration<LiveRound>
{
    public void Configure(EntityTypeBuilder<LiveRound> b)
    {
        b.Ignore(r => r.EffectiveClose);
        b.HasOne<Contest>().WithMany().HasForeignKey(r => r.ContestId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.ContestId, r.Seq }).IsUnique();
    }
}

internal sealed class ContestFinalRankConfiguration : IEntityTypeConfiguration<ContestFinalRank>
{
    public void Configure(EntityTypeBuilder<ContestFinalRank> b)
    {
        b.Property(r => r.OrganizationPath).HasMaxLength(400);
        b.HasIndex(r => new { r.ContestId, r.Rank }).IsUnique();
        b.HasIndex(r => new { r.ContestId, r.MemberId });
    }
}
