using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Jobs;

/// <summary>
/// One finished run of a recurring job, written by Learn.Jobs when the job returns. Hangfire keeps the next
/// fire time but forgets outcomes; the admin site's 任务 page reads the last outcome from here.
/// </summary>
public class JobRun
{
    public long Id { get; set; }

    /// <summary>The recurring job id (<see cref="JobIds"/>), e.g. <c>learn.political-birthdays</c>.</summary>
    public required string Job { get; set; }

    /// <summary>The firing's scheduled time; null for a run started by hand (立即执行).</summary>
    public DateTime? ScheduledFor { get; set; }

    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }

    /// <summary>The scheduler instance (cluster node) that ran it.</summary>
    public required string Node { get; set; }

    public bool Succeeded { get; set; }

    /// <summary>The exception message of a failed run, cut to fit.</summary>
    public string? Error { get; set; }

    /// <summary>The <see cref="JobRunRequest"/> that asked for this run, if one did.</summary>
    public long? RequestId { get; set; }

    /// <summary>"group.name" as the <see cref="Job"/> column stores it.</summary>
    public static string KeyOf(string group, string name) => $"{group}.{name}";
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.Property(r => r.Job).HasMaxLength(200);
        b.Property(r => r.Node).HasMaxLength(200);
        b.Property(r => r.Error).HasMaxLength(1000);
        b.HasIndex(r => new { r.Job, r.FinishedAt });
    }
}
