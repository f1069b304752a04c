using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Jobs;

/// <summary>
/// A super admin's 立即执行 (run now): the admin site writes this row, a Learn.Jobs node claims it and fires
/// the job as a Hangfire job. The admin site never hosts a Hangfire server (docs/decisions/0403).
/// </summary>
public class JobRunRequest
{
    public long Id { get; set; }

    /// <summary>The recurring job id split at its first dot: <c>learn</c> and <c>political-birthdays</c> (<see cref="JobIds"/>).</summary>
    public required string JobGroup { get; set; }
    public required string JobName { get; set; }

    public DateTime RequestedAt { get; set; }
    public long RequestedByOrganizerId { get; set; }
    public required string RequestedByName { get; set; }

    /// <summary>When a Learn.Jobs node took the request; null while it waits.</summary>
    public DateTime? ClaimedAt { get; set; }
    public string? ClaimedBy { get; set; }

    /// <summary>Why the node could not fire it (the job no longer exists), or null.</summary>
    public string? Error { get; set; }
}

internal sealed class JobRunRequestConfiguration : IEntityTypeConfiguration<JobRunRequest>
{
    public void Configure(EntityTypeBuilder<JobRunRequest> b)
    {
        b.Property(r => r.JobGroup).HasMaxLength(100);
        b.Property(r => r.JobName).HasMaxLength(100);
        b.Property(r => r.RequestedByName).HasMaxLength(100);
        b.Property(r => r.ClaimedBy).HasMaxLength(200);
        b.Property(r => r.Error).HasMaxLength(500);
        b.HasIndex(r => r.ClaimedAt);
    }
}
