using Learn.Core.Data;
using Microsoft.Extensions.Options;

namespace Learn.Api.WeChat;

/// <summary>
/// Moves buffered delivery reports from Redis into <c>wechat_delivery_events</c>, a batch at a time.
/// Runs in every API instance; batches are taken atomically, so instances share the work.
/// </summary>
internal sealed class DeliveryEventDrainer(
    DeliveryEventBuffer buffer, IServiceScopeFactory scopes, IOptions<WeChatPushOptions> options, ILogger<DeliveryEventDrainer> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            int written;
            try { written = await DrainBatchAsync(o.DeliveryDrainBatchSize, stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception ex)
            {
                log.LogError(ex, "Writing WeChat delivery reports failed; they stay buffered and are retried.");
                written = 0;
            }
            // A full batch means more are waiting: go again at once. Otherwise wait (real time, not the business clock).
            if (written < o.DeliveryDrainBatchSize)
                try { await Task.Delay(o.DeliveryDrainInterval, stoppingToken); }
                catch (OperationCanceledException) { break; }
        }
        // One last round on shutdown, so a deploy does not leave reports sitting in Redis longer than needed.
        try { await DrainBatchAsync(o.DeliveryDrainBatchSize, CancellationToken.None); }
        catch (Exception ex) { log.LogWarning(ex, "Final drain of WeChat delivery reports failed; they stay buffered."); }
    }

    private async Task<int> DrainBatchAsync(int max, CancellationToken ct)
    {
        var rows = await buffer.TakeAsync(max);
        if (rows.Count == 0) return 0;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LearnDbContext>();
            db.AddRange(rows);
            await db.SaveChangesAsync(ct);
            return rows.Count;
        }
        catch
        {
            await buffer.ReturnAsync(rows);
            throw;
        }
    }
}
