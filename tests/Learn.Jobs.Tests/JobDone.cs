using Quartz;
using Quartz.Extensibility;

namespace Learn.Jobs.Tests;

/// <summary>Completes when the given job's next firing has finished (successfully or not).</summary>
internal sealed class JobDone(JobKey job) : IJobListener
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; } = "test-done-" + Guid.NewGuid().ToString("N");
    public Task Task => _done.Task;

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    public ValueTask JobProgressChanged(IJobExecutionContext context, FireInstanceProgress progress, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        if (!context.JobDetail.Key.Equals(job)) return ValueTask.CompletedTask;
        if (jobException is null) _done.TrySetResult();
        else _done.TrySetException(jobException);
        return ValueTask.CompletedTask;
    }
}
