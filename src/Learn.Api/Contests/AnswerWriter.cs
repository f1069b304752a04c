using System.Diagnostics;
using System.Threading.Channels;
using Learn.Core.Hosting.Metrics;
using Microsoft.Extensions.Options;

namespace Learn.Api.Contests;

/// <summary>
/// Group commit for answers: requests wait in a queue, a writer takes up to
/// <see cref="ContestOptions.AnswerBatchSize"/> of them and stores them in one transaction
/// (<see cref="AnswerBatch"/>); each request is answered only after that commit. The queue holds
/// nothing acknowledged, so losing the process loses no answer a member was told was stored.
/// On SIGTERM the web server stops first (it is the last hosted service, so it stops first) and waits for
/// its requests; then <see cref="StopAsync"/> closes the queue and the writers drain what is left, so a
/// rolling restart answers every queued answer instead of cancelling it.
/// </summary>
public sealed class AnswerWriter(AnswerBatch batch, IOptions<ContestOptions> options, ILogger<AnswerWriter> log) : BackgroundService
{
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(50_000)
    {
        FullMode = BoundedChannelFullMode.Wait,
    });

    internal sealed record Pending(AnswerSubmission Submission, TaskCompletionSource<AnswerOutcome> Done);

    public async Task<AnswerOutcome> SubmitAsync(AnswerSubmission submission, CancellationToken ct)
    {
        var pending = new Pending(submission, new TaskCompletionSource<AnswerOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, ct);
        // Not cancelled by the client going away: once queued the answer is stored either way.
        return await pending.Done.Task;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.AnswerWriters).Select(_ => Task.Run(() => LoopAsync(stoppingToken), stoppingToken)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The writers end when the closed queue is empty; the token only cuts short a drain that outlives the host's shutdown timeout.
        _queue.Writer.TryComplete();
        if (ExecuteTask is { } running) await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        await base.StopAsync(cancellationToken);
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        var max = options.Value.AnswerBatchSize;
        var linger = TimeSpan.FromMilliseconds(options.Value.AnswerLingerMs);
        var items = new List<Pending>(max);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
            {
                while (items.Count < max && _queue.Reader.TryRead(out var p)) items.Add(p);
                if (items.Count == 0) continue;
                if (items.Count < max / 4 && linger > TimeSpan.Zero)
                {
                    // Only a few waiting: give the other requests in flight a moment to join this batch.
                    await Task.Delay(linger, CancellationToken.None);
                    while (items.Count < max && _queue.Reader.TryRead(out var p)) items.Add(p);
                }
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await batch.WriteAsync(items, CancellationToken.None);
                    LearnMetrics.AnswerBatchSize.Record(items.Count);
                    LearnMetrics.AnswerCommitLatency.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
                    LearnMetrics.AnswersStored.Add(items.Count(p => p.Done.Task is { IsCompletedSuccessfully: true, Result.Status: AnswerStatus.Accepted }));
                }
                catch (Exception ex)
                {
                    log.LogError(ex, "Storing {Count} answers failed; none was acknowledged", items.Count);
                    foreach (var p in items) p.Done.TrySetException(ex);
                }
                items.Clear();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Shutting down: whatever is still queued was never acknowledged.
            while (_queue.Reader.TryRead(out var p)) p.Done.TrySetCanceled(stop);
        }
    }
}
