using System.ComponentModel.DataAnnotations;

namespace Learn.Api.Contests;

/// <summary>Contest answer path settings (section <c>Contests</c>).</summary>
public sealed class ContestOptions
{
    public const string Section = "Contests";

    /// <summary>Most answers committed in one transaction (group commit).</summary>
    [Range(1, 1000, ErrorMessage = "Contests:AnswerBatchSize must be between 1 and 1000.")]
    public int AnswerBatchSize { get; set; } = 256;

    /// <summary>Concurrent group-commit writers per instance (each holds one database connection while writing).</summary>
    [Range(1, 16, ErrorMessage = "Contests:AnswerWriters must be between 1 and 16.")]
    public int AnswerWriters { get; set; } = 4;

    /// <summary>
    /// How long a writer that found only a few answers waits for more before writing (ms; 0 = never).
    /// A batch costs a fixed handful of round trips, so under load a millisecond's wait makes
    /// batches bigger and the database's work per answer smaller; when idle it adds at most this much latency.
    /// </summary>
    [Range(0, 20, ErrorMessage = "Contests:AnswerLingerMs must be between 0 and 20.")]
    public int AnswerLingerMs { get; set; } = 1;

    /// <summary>Per-member answer rate limit (token bucket refill per second; the bucket holds twice this).</summary>
    [Range(1, 1000, ErrorMessage = "Contests:AnswersPerSecondPerMember must be between 1 and 1000.")]
    public int AnswersPerSecondPerMember { get; set; } = 5;
}
