using Microsoft.Extensions.Options;

namespace Learn.Jobs.Notifications;

/// <summary>Bound from <c>Notifications:Dispatcher</c>. WeChat publishes no per-minute send limits, so rates are configuration.</summary>
public sealed class DispatcherOptions
{
    public const string Section = "Notifications:Dispatcher";

    public bool Enabled { get; set; } = true;
    public int BatchSize { get; set; } = 100;
    public int Concurrency { get; set; } = 8;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed row stays with its dispatcher; after that another node recovers it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    public int MaxAttempts { get; set; } = 6;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows an audience campaign writes per step.</summary>
    public int ExpandBatchSize { get; set; } = 1000;

    /// <summary>
    /// How long after a template message's first attempt a repeat with the same <c>client_msg_id</c> is still
    /// deduplicated by WeChat (10 minutes, less a margin). Past it an in-doubt message is not repeated.
    /// </summary>
    public TimeSpan OfficialAccountDedupeWindow { get; set; } = TimeSpan.FromMinutes(9);

    /// <summary>Sends per second across every node and template.</summary>
    public int GlobalPerSecond { get; set; } = 50;

    /// <summary>Sends per second per template name unless <see cref="PerTemplatePerSecond"/> says otherwise.</summary>
    public int DefaultPerTemplatePerSecond { get; set; } = 20;

    public Dictionary<string, int> PerTemplatePerSecond { get; set; } = new(StringComparer.Ordinal);

    public int RateOf(string template) => PerTemplatePerSecond.TryGetValue(template, out var rate) ? rate : DefaultPerTemplatePerSecond;

    public TimeSpan Backoff(int attempts)
    {
        var delay = RetryBaseDelay.TotalSeconds * Math.Pow(2, Math.Max(0, attempts - 1));
        return TimeSpan.FromSeconds(Math.Min(delay, RetryMaxDelay.TotalSeconds));
    }
}

public sealed class DispatcherOptionsValidator : IValidateOptions<DispatcherOptions>
{
    public ValidateOptionsResult Validate(string? name, DispatcherOptions o)
    {
        var failures = new List<string>();
        void Check(bool ok, string setting, string rule) { if (!ok) failures.Add($"{DispatcherOptions.Section}:{setting} {rule}"); }
        Check(o.BatchSize is >= 1 and <= 5000, nameof(o.BatchSize), "must be between 1 and 5000.");
        Check(o.Concurrency is >= 1 and <= 256, nameof(o.Concurrency), "must be between 1 and 256.");
        Check(o.PollInterval > TimeSpan.Zero, nameof(o.PollInterval), "must be positive.");
        Check(o.LeaseDuration >= TimeSpan.FromSeconds(1), nameof(o.LeaseDuration), "must be at least one second.");
        Check(o.MaxAttempts is >= 1 and <= 100, nameof(o.MaxAttempts), "must be between 1 and 100.");
        Check(o.RetryBaseDelay > TimeSpan.Zero && o.RetryMaxDelay >= o.RetryBaseDelay, nameof(o.RetryBaseDelay), "must be positive and at most RetryMaxDelay.");
        Check(o.ExpandBatchSize is >= 1 and <= 10000, nameof(o.ExpandBatchSize), "must be between 1 and 10000.");
        Check(o.OfficialAccountDedupeWindow > TimeSpan.Zero && o.OfficialAccountDedupeWindow <= TimeSpan.FromMinutes(10),
            nameof(o.OfficialAccountDedupeWindow), "must be positive and at most 10 minutes (WeChat's client_msg_id window).");
        Check(o.GlobalPerSecond >= 1, nameof(o.GlobalPerSecond), "must be at least 1.");
        Check(o.DefaultPerTemplatePerSecond >= 1, nameof(o.DefaultPerTemplatePerSecond), "must be at least 1.");
        foreach (var (template, rate) in o.PerTemplatePerSecond)
            Check(rate >= 1, $"PerTemplatePerSecond:{template}", "must be at least 1.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
