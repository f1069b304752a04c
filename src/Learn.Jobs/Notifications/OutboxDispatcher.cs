using Learn.Core.Data;
using Learn.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Jobs.Notifications;

/// <summary>
/// The outbox's two loops, a hosted service beside Hangfire (never on its workers). One writes campaigns still
/// being expanded, a batch at a time, so a large campaign is fully written long before it is sent; the other
/// recovers expired leases, claims a batch and delivers it with bounded concurrency. Memory is one batch,
/// whatever the campaign's size. Every node runs both; row locks and claims keep the nodes apart.
/// </summary>
public sealed class OutboxDispatcher(IDbContextFactory<LearnDbContext> contexts, OutboxDelivery delivery, CampaignExpander expander, TimeProvider time,
    IOptions<DispatcherOptions> options, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        await Task.Yield();
        await Task.WhenAll(LoopAsync("expansion", ExpandOnceAsync, stoppingToken), LoopAsync("dispatch", DeliverOnceAsync, stoppingToken));
    }

    private async Task LoopAsync(string name, Func<CancellationToken, Task<bool>> round, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await round(stoppingToken))
                    await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Outbox {Loop} round failed; retrying after the poll interval", name);
                await Task.Delay(options.Value.PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Writes one batch of one campaign still being written; true when there was one.</summary>
    public async Task<bool> ExpandOnceAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await expander.ExpandOneBatchAsync(db, options.Value.ExpandBatchSize, time.GetUtcNow().UtcDateTime, ct);
    }

    /// <summary>One delivery round; true when there was work, so the loop goes again without waiting.</summary>
    public async Task<bool> DeliverOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        List<(OutboxMessage Message, IReadOnlyList<MemberWeChat> Identities)> claimed;
        var token = Guid.NewGuid().ToString("N");
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var recovered = await OutboxClaims.RecoverAsync(db, now, o.OfficialAccountDedupeWindow, ct);
            if (recovered > 0) logger.LogWarning("Recovered {Count} outbox message(s) whose dispatcher's lease ran out", recovered);
            var ids = await OutboxClaims.ClaimAsync(db, o.BatchSize, token, now, now + o.LeaseDuration, ct);
            claimed = ids.Count == 0 ? [] : await OutboxDelivery.LoadClaimedAsync(db, ids, token, ct);
        }
        if (claimed.Count == 0) return false;
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency, CancellationToken = ct },
            async (c, _) => await delivery.DeliverAsync(c.Message, c.Identities, ct));
        return true;
    }
}
