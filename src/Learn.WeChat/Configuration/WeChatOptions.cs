namespace Learn.WeChat.Configuration;

/// <summary>
/// Settings bound from the <c>WeChat</c> configuration section (<c>WeChat__MiniProgram__AppId</c> etc.).
/// Validated at start-up by <see cref="WeChatOptionsValidator"/>, so a missing secret fails the start,
/// not the first member who signs in.
/// </summary>
public sealed class WeChatOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "WeChat";

    /// <summary>Base address of the WeChat API; tests point it at the fake server.</summary>
    public string ApiBaseUrl { get; set; } = "https://api.weixin.qq.com";

    /// <summary>The Mini Program (小程序).</summary>
    public MiniProgramOptions MiniProgram { get; set; } = new();

    /// <summary>The Official Account (公众号).</summary>
    public OfficialAccountOptions OfficialAccount { get; set; } = new();

    /// <summary>Template ids by the name the features use (e.g. <c>"ContestReminder"</c> → WeChat's template id).</summary>
    public Dictionary<string, string> Templates { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Timeout of one HTTP call to WeChat.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of transient failures (-1, 45009, 45011, timeouts, 5xx).</summary>
    public WeChatRetryOptions Retry { get; set; } = new();

    /// <summary>How long before expiry a cached access token or ticket is refreshed.</summary>
    public TimeSpan TokenRefreshAhead { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest accepted push body; WeChat's own pushes are a few KB.</summary>
    public int MaxPushBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Accepted distance between a push's <c>timestamp</c> and our clock.</summary>
    public TimeSpan PushTimestampTolerance { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>How long a handled push is remembered for de-duplication (WeChat retries within ~15 s).</summary>
    public TimeSpan DedupeWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The template id configured under <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">No template of that name is configured.</exception>
    public string TemplateId(string name) =>
        Templates.TryGetValue(name, out var id) && !string.IsNullOrWhiteSpace(id)
            ? id
            : throw new InvalidOperationException($"WeChat:Templates:{name} is not configured.");
}

/// <summary>Mini Program credentials and message-push settings.</summary>
public sealed class MiniProgramOptions
{
    /// <summary>The app id (<c>wx…</c>).</summary>
    public string AppId { get; set; } = "";

    /// <summary>The app secret.</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>Message-push token; empty when message push is not configured.</summary>
    public string Token { get; set; } = "";

    /// <summary>Message-push EncodingAESKey (43 chars); empty in plain mode.</summary>
    public string EncodingAESKey { get; set; } = "";

    /// <summary>The key before the last rotation, tried when the current one fails.</summary>
    public string PreviousEncodingAESKey { get; set; } = "";

    /// <summary><c>miniprogram_state</c> of subscribe messages: formal, trial or developer.</summary>
    public string MessageState { get; set; } = "formal";

    /// <summary>Default page a subscribe message opens, e.g. <c>pages/index/index</c>.</summary>
    public string Page { get; set; } = "";
}

/// <summary>Official Account credentials and server settings.</summary>
public sealed class OfficialAccountOptions
{
    /// <summary>The app id (<c>wx…</c>).</summary>
    public string AppId { get; set; } = "";

    /// <summary>The app secret.</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>Server token used in signatures.</summary>
    public string Token { get; set; } = "";

    /// <summary>EncodingAESKey (43 chars); empty in plain mode.</summary>
    public string EncodingAESKey { get; set; } = "";

    /// <summary>The key before the last rotation: WeChat may still use it for a while.</summary>
    public string PreviousEncodingAESKey { get; set; } = "";

    /// <summary>Plain, Compatible or Safe, as set in the console; required (no default guessed from the key).</summary>
    public WeChatMessageMode? MessageMode { get; set; }
}

/// <summary>Backoff for transient WeChat failures.</summary>
public sealed class WeChatRetryOptions
{
    /// <summary>Total attempts including the first.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Delay before the second attempt; doubled each time, with ±50 % jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of one delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Lookups on <see cref="WeChatOptions"/>.</summary>
public static class WeChatOptionsExtensions
{
    /// <summary>App id and secret of <paramref name="app"/>.</summary>
    public static (string AppId, string AppSecret) Credentials(this WeChatOptions options, WeChatApp app) => app switch
    {
        WeChatApp.MiniProgram => (options.MiniProgram.AppId, options.MiniProgram.AppSecret),
        WeChatApp.OfficialAccount => (options.OfficialAccount.AppId, options.OfficialAccount.AppSecret),
        _ => throw new ArgumentOutOfRangeException(nameof(app)),
    };
}
