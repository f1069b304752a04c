using Hangfire;
using Hangfire.Storage;
using Learn.Core.Jobs;

namespace Learn.Admin.Pages.Jobs;

/// <summary>
/// What Hangfire's storage says about Learn.Jobs' recurring jobs and servers, read as a client: the admin site runs no
/// Hangfire server and has none of the job types, so it reads the stored fields, not the jobs themselves.
/// </summary>
public static class HangfireJobs
{
    public sealed record JobRow(string Id, DateTime? NextUtc, DateTime? LastUtc, string? Cron, string? LastState, string? Error)
    {
        public string Name => JobIds.NameOf(Id);
    }

    public sealed record NodeRow(string Name, DateTime? HeartbeatUtc, int Workers);

    /// <summary>Learn's recurring jobs in their usual order, or null when Learn.Jobs has never written them.</summary>
    public static IReadOnlyList<JobRow>? Jobs(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        var stored = connection.GetRecurringJobs(JobIds.All.ToList());
        if (stored.All(j => j.Removed)) return null;
        return stored.Where(j => !j.Removed)
            .Select(j => new JobRow(j.Id, j.NextExecution, j.LastExecution, j.Cron, j.LastJobState, j.Error))
            .ToList();
    }

    public static IReadOnlyList<NodeRow> Nodes(JobStorage storage) =>
        storage.GetMonitoringApi().Servers().Select(s => new NodeRow(s.Name, s.Heartbeat, s.WorkersCount)).OrderBy(s => s.Name).ToList();
}
