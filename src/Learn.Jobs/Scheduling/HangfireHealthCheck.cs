using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Learn.Jobs.Scheduling;

/// <summary>Ready when Hangfire's storage answers and this node's server is among the live ones.</summary>
public sealed class HangfireHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var mine = $"{Environment.MachineName}:{Environment.ProcessId}:".ToLowerInvariant();
            var servers = storage.GetMonitoringApi().Servers();
            return Task.FromResult(servers.Any(s => s.Name.StartsWith(mine, StringComparison.OrdinalIgnoreCase))
                ? HealthCheckResult.Healthy($"{servers.Count} Hangfire server(s)")
                : HealthCheckResult.Unhealthy("This node's Hangfire server has not announced itself yet."));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire's storage does not answer.", ex));
        }
    }
}
