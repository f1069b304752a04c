using Learn.Core.Data;
using Microsoft.Extensions.Options;

namespace Learn.Api.WeChat;

/// <summary>
/// Moves buffered delivery reports from the Redis stream into <c>wechat_delivery_events</c>, a batch at a time.
/// Runs in every API instance; the consumer group hands each batch to one of them. A batch is acknowledged
/// only after its commit; batches left pending longer than <see cref="WeChatPushOptions.DeliveryClaimAfter"/>
/// (a crashed instance, a failed write) are claimed again, on start and then every round.
/// </summary>
internal sealed class DeliveryEventDrainer(
    DeliveryEventBuffer buffer, IServiceScopeFactory scopes, IOptions<WeChatPushOptions> options, ILogger<DeliveryEventDrainer> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        try { await buffer.PrepareAsync(); }
        catch (Exception ex) { log.LogError(ex, "Preparing the WeChat delivery-report stream failed; retrying each round."); }
        while (!stoppingToken.IsCancellationRequested)
        {
            int written;
            try
            {
                await buffer.PrepareAsync();
                written = await DrainAsync(await buffer.ClaimAbandonedAsync(o.DeliveryClaimAfter, o.DeliveryDrainBatchSize), stoppingToken)
                          + await DrainAsync(await buffer.TakeAsync(o.DeliveryDrainBatchSize), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception ex)
            {
                log.LogError(ex, "Writing WeChat delivery reports failed; they stay pending in Redis and are claimed again.");
                written = 0;
            }
            // A full batch means more are waiting: go again at once. Otherwise wait (real time, not the business clock).
            if (written < o.DeliveryDrainBatchSize)
                try { await Task.Delay(o.DeliveryDrainInterval, stoppingToken); }
                catch (OperationCanceledException) { break; }
        }
        // One last round on shutdown, so a deploy does not leave reports sitting in Redis longer than needed.
        try { await DrainAsync(await buffer.TakeAsync(o.DeliveryDrainBatchSize), CancellationToken.None); }
        catch (Exception ex) { log.LogWarning(ex, "Final drain of WeChat delivery reports failed; they stay buffered."); }
    }

    private async Task<int> DrainAsync(DeliveryEventBuffer.Batch batch, CancellationToken ct)
    {
        if (batch.Ids.Length == 0) return 0;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearnDbContext>();
            foreach (var row in batch.Rows) row.Id = 0; // a claimed batch may carry a key a failed attempt assigned
            db.AddRange(batch.Rows);
            await db.SaveChangesAsync(ct);
        }
        await buffer.AcknowledgeAsync(batch);
        return batch.Ids.Length;
    }
}
