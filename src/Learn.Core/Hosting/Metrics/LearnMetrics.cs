using System.Diagnostics.Metrics;

namespace Learn.Core.Hosting.Metrics;

/// <summary>
/// Learn's own instruments, all on the meter <c>Learn</c> (Prometheus names: dots become underscores, units
/// and <c>_total</c> are appended). Static like an ActivitySource: the counters cost nothing until the
/// OpenTelemetry listener in <see cref="ManagementEndpoint"/> subscribes, and every host shares one set.
/// </summary>
public static class LearnMetrics
{
    public const string MeterName = "Learn";
    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> AnswersStored =
        Meter.CreateCounter<long>("learn.answers.stored", "{answer}", "Answers committed to the database and acknowledged");
    public static readonly Histogram<int> AnswerBatchSize =
        Meter.CreateHistogram<int>("learn.answers.batch.size", "{answer}", "Answers per group commit",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
    public static readonly Histogram<double> AnswerCommitLatency =
        Meter.CreateHistogram<double>("learn.answers.commit.duration", "s", "Time to store one batch of answers",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });
    public static readonly UpDownCounter<long> BoardUpdatesPending =
        Meter.CreateUpDownCounter<long>("learn.boards.updates.pending", "{update}", "Committed board changes not yet applied to Redis");
    public static readonly UpDownCounter<long> LiveConnections =
        Meter.CreateUpDownCounter<long>("learn.live.connections", "{connection}", "Open live-contest event streams (SSE)");
    public static readonly Counter<long> OutboxSent =
        Meter.CreateCounter<long>("learn.outbox.sent", "{message}", "Notifications WeChat accepted, by kind (template)");
    public static readonly Counter<long> OutboxFailed =
        Meter.CreateCounter<long>("learn.outbox.failed", "{message}", "Notifications that ended failed, by kind (template)");
    public static readonly Counter<long> JobRuns =
        Meter.CreateCounter<long>("learn.jobs.runs", "{run}", "Finished job runs, by job");
    public static readonly Counter<long> JobFailures =
        Meter.CreateCounter<long>("learn.jobs.failures", "{run}", "Job runs that ended in an error, by job");

    /// <summary>A gauge read at scrape time (e.g. the outbox backlog, counted in the database).</summary>
    public static ObservableGauge<long> Gauge(string name, string unit, string description, Func<IEnumerable<Measurement<long>>> observe) =>
        Meter.CreateObservableGauge(name, observe, unit, description);

    public static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);
}
