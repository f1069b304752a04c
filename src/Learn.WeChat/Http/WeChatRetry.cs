using Learn.WeChat.Configuration;
using Learn.WeChat.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learn.WeChat.Http;

/// <summary>
/// Retries transient WeChat failures with exponential backoff and jitter. Polly is not referenced;
/// this loop is all we need. Non-transient errors (43101, 40003, …) surface at once.
/// </summary>
internal sealed class WeChatRetry(IOptions<WeChatOptions> options, TimeProvider time, ILogger<WeChatRetry> logger)
{
    public async Task<T> RunAsync<T>(string api, Func<CancellationToken, Task<T>> action, CancellationToken ct)
    {
        var retry = options.Value.Retry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(ct);
            }
            catch (WeChatApiException ex) when (ex.IsTransient && attempt < retry.MaxAttempts)
            {
                var delay = Delay(retry, attempt);
                logger.LogWarning("WeChat {Api} failed with {ErrCode} ({ErrMsg}); attempt {Attempt} of {Max}, retrying in {Delay} ms",
                    api, ex.ErrCode, ex.ErrMsg, attempt, retry.MaxAttempts, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, time, ct);
            }
        }
    }

    // base · 2^(attempt-1), scaled by a random factor in [0.5, 1.5) so instances that failed
    // together (a burst hitting 45009) do not come back together.
    internal static TimeSpan Delay(WeChatRetryOptions retry, int attempt)
    {
        var exponential = retry.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var jittered = exponential * (0.5 + Random.Shared.NextDouble());
        return TimeSpan.FromMilliseconds(Math.Min(jittered, retry.MaxDelay.TotalMilliseconds));
    }
}
