using System.Diagnostics.Metrics;
using Learn.Core.Data;
using Learn.Core.Hosting.Metrics;
using Learn.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Notifications;

/// <summary>
/// <c>learn.outbox.pending</c>: messages not yet finished, by kind (template), counted in the database when
/// Prometheus scrapes (every 15 s or so), so every Jobs node reports the shared backlog, not its own share.
/// </summary>
public sealed class OutboxBacklog(IDbContextFactory<LearnDbContext> contexts, ILogger<OutboxBacklog> logger) : IHostedService
{
    private ObservableGauge<long>? _gauge;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _gauge = LearnMetrics.Gauge("learn.outbox.pending", "{message}", "Notifications waiting to be sent, by kind (template)", Observe);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<long>> Observe()
    {
        try
        {
            using var db = contexts.CreateDbContext();
            return db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.State == OutboxState.Pending || m.State == OutboxState.Claimed || m.State == OutboxState.Sending)
                .GroupBy(m => m.Template).Select(g => new { Kind = g.Key, Count = g.LongCount() }).ToList()
                .Select(g => new Measurement<long>(g.Count, LearnMetrics.Tag("kind", g.Kind))).ToList();
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            // A scrape during a database outage reports no backlog rather than failing the whole page.
            logger.LogWarning(ex, "Could not count the outbox backlog");
            return [];
        }
    }
}
