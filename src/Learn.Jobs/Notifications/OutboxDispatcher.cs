using Learn.Core.Data;
using Learn.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Jobs.Notifications;

/// <summary>
/// The outbox's delivery loop, a hosted service beside Quartz (never on its threads): recover expired leases,
/// write one batch of any expanding campaign, claim a batch, deliver it with bounded concurrency. Memory is
/// one batch of ids, whatever the campaign's size. Every node runs one; the claim keeps them apart.
/// </summary>
public sealed class OutboxDispatcher(IDbContextFactory<LearnDbContext> contexts, OutboxDelivery delivery, CampaignExpander expander, TimeProvider time,
    IOptions<DispatcherOptions> options, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await RunOnceAsync(stoppingToken))
                    await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Outbox dispatch round failed; retrying after the poll interval");
                await Task.Delay(options.Value.PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    // A campaign that cannot be written must not hold up the delivery of everything already written.
    private async Task<bool> ExpandAsync(LearnDbContext db, int batchSize, DateTime now, CancellationToken ct)
    {
        try
        {
            return await expander.ExpandOneBatchAsync(db, batchSize, now, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Writing a campaign's next batch failed; delivery goes on");
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>One round; true when there was work, so the loop goes again without waiting.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        List<(OutboxMessage Message, IReadOnlyList<MemberWeChat> Identities)> claimed;
        bool expanded;
        var token = Guid.NewGuid().ToString("N");
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var recovered = await OutboxClaims.RecoverAsync(db, now, o.OfficialAccountDedupeWindow, ct);
            if (recovered > 0) logger.LogWarning("Recovered {Count} outbox message(s) whose dispatcher's lease ran out", recovered);
            expanded = await ExpandAsync(db, o.ExpandBatchSize, now, ct);
            var ids = await OutboxClaims.ClaimAsync(db, o.BatchSize, token, now, now + o.LeaseDuration, ct);
            claimed = ids.Count == 0 ? [] : await OutboxDelivery.LoadClaimedAsync(db, ids, token, ct);
        }
        if (claimed.Count > 0)
        {
            await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency, CancellationToken = ct },
                async (c, _) => await delivery.DeliverAsync(c.Message, c.Identities, ct));
        }
        return claimed.Count > 0 || expanded;
    }
}
