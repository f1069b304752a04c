using Quartz;
using Quartz.Extensibility;

namespace Learn.Jobs.Tests;

/// <summary>
/// Completes when the firing this test asked for has finished: it is recognised by a token in the trigger's
/// data, because the job's own schedule may fire at the same moment (the test clock can sit on its time).
/// </summary>
internal sealed class JobDone(JobKey job) : IJobListener
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; } = "test-done-" + Guid.NewGuid().ToString("N");
    public string Token { get; } = Guid.NewGuid().ToString("N");
    public const string TokenKey = "test-run";
    public Task Task => _done.Task;

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    public ValueTask JobProgressChanged(IJobExecutionContext context, FireInstanceProgress progress, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        if (!context.JobDetail.Key.Equals(job) || context.Trigger.JobDataMap.GetString(TokenKey) != Token) return ValueTask.CompletedTask;
        if (jobException is null) _done.TrySetResult();
        else _done.TrySetException(jobException);
        return ValueTask.CompletedTask;
    }
}
