using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Learn.WeChat.Configuration;

/// <summary>
/// Checks <see cref="WeChatOptions"/> and reports every problem at once, each naming the setting,
/// so an operator fixes the configuration in one pass.
/// </summary>
public sealed partial class WeChatOptionsValidator : IValidateOptions<WeChatOptions>
{
    private static readonly string[] MessageStates = ["formal", "trial", "developer"];

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WeChatOptions options)
    {
        var errors = new List<string>();
        const string s = WeChatOptions.Section;

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            errors.Add($"{s}:ApiBaseUrl must be an absolute http(s) URL.");

        var mp = options.MiniProgram;
        RequireAppId(errors, $"{s}:MiniProgram:AppId", mp.AppId);
        Require(errors, $"{s}:MiniProgram:AppSecret", mp.AppSecret);
        OptionalToken(errors, $"{s}:MiniProgram:Token", mp.Token);
        OptionalAesKey(errors, $"{s}:MiniProgram:EncodingAESKey", mp.EncodingAESKey);
        OptionalAesKey(errors, $"{s}:MiniProgram:PreviousEncodingAESKey", mp.PreviousEncodingAESKey);
        if (!MessageStates.Contains(mp.MessageState, StringComparer.Ordinal))
            errors.Add($"{s}:MiniProgram:MessageState must be formal, trial or developer.");

        var oa = options.OfficialAccount;
        RequireAppId(errors, $"{s}:OfficialAccount:AppId", oa.AppId);
        Require(errors, $"{s}:OfficialAccount:AppSecret", oa.AppSecret);
        Require(errors, $"{s}:OfficialAccount:Token", oa.Token);
        OptionalToken(errors, $"{s}:OfficialAccount:Token", oa.Token);
        OptionalAesKey(errors, $"{s}:OfficialAccount:EncodingAESKey", oa.EncodingAESKey);
        OptionalAesKey(errors, $"{s}:OfficialAccount:PreviousEncodingAESKey", oa.PreviousEncodingAESKey);
        CheckMessageMode(errors, $"{s}:OfficialAccount", oa);

        foreach (var (key, id) in options.Templates)
            if (string.IsNullOrWhiteSpace(id)) errors.Add($"{s}:Templates:{key} is empty.");

        if (options.HttpTimeout <= TimeSpan.Zero) errors.Add($"{s}:HttpTimeout must be positive.");
        if (options.Retry.MaxAttempts is < 1 or > 10) errors.Add($"{s}:Retry:MaxAttempts must be 1–10.");
        if (options.Retry.BaseDelay < TimeSpan.Zero) errors.Add($"{s}:Retry:BaseDelay must not be negative.");
        if (options.MaxPushBodyBytes < 1024) errors.Add($"{s}:MaxPushBodyBytes must be at least 1024.");
        if (options.PushTimestampTolerance <= TimeSpan.Zero) errors.Add($"{s}:PushTimestampTolerance must be positive.");
        if (options.DedupeWindow <= TimeSpan.Zero) errors.Add($"{s}:DedupeWindow must be positive.");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckMessageMode(List<string> errors, string section, OfficialAccountOptions oa)
    {
        if (oa.MessageMode is not { } mode || !Enum.IsDefined(mode))
            errors.Add($"{section}:MessageMode is required: Plain, Compatible or Safe (as set in the WeChat console).");
        else if (mode == WeChatMessageMode.Plain && oa.EncodingAESKey.Length > 0)
            errors.Add($"{section}:EncodingAESKey is set but MessageMode is Plain: choose Compatible or Safe, or remove the key.");
        else if (mode != WeChatMessageMode.Plain && oa.EncodingAESKey.Length == 0)
            errors.Add($"{section}:MessageMode {mode} needs {section}:EncodingAESKey.");
    }

    private static void Require(List<string> errors, string setting, string value)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add($"{setting} is required.");
    }

    private static void RequireAppId(List<string> errors, string setting, string value)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add($"{setting} is required.");
        else if (!AppIdPattern().IsMatch(value)) errors.Add($"{setting} must look like wx followed by 16 letters or digits.");
    }

    // WeChat's own rule for the server token: 3–32 letters or digits.
    private static void OptionalToken(List<string> errors, string setting, string value)
    {
        if (value.Length > 0 && !TokenPattern().IsMatch(value)) errors.Add($"{setting} must be 3–32 letters or digits.");
    }

    private static void OptionalAesKey(List<string> errors, string setting, string value)
    {
        if (value.Length > 0 && !AesKeyPattern().IsMatch(value)) errors.Add($"{setting} must be 43 letters or digits.");
    }

    [GeneratedRegex("^wx[0-9A-Za-z]{16}$")]
    private static partial Regex AppIdPattern();

    [GeneratedRegex("^[0-9A-Za-z]{3,32}$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("^[0-9A-Za-z]{43}$")]
    private static partial Regex AesKeyPattern();
}
