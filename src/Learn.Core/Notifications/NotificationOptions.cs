using Microsoft.Extensions.Options;

namespace Learn.Core.Notifications;

/// <summary>
/// Bound from <c>Notifications</c>: the WeChat templates behind each template name the features use.
/// Messages store logical field names (<c>name</c>, <c>date</c>, …); each channel maps them to its own keys
/// (<c>thing1</c>, <c>keyword2</c>, …) because the two apps' templates are different templates.
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    public Dictionary<string, NotificationTemplateOptions> Templates { get; set; } = new(StringComparer.Ordinal);

    public NotificationTemplateOptions Template(string name) =>
        Templates.TryGetValue(name, out var t) ? t : throw new InvalidOperationException($"Notifications:Templates:{name} is not configured.");

    /// <summary>The template name whose Mini Program template id is <paramref name="templateId"/>, or null.</summary>
    public string? NameOfMiniProgramTemplate(string templateId) =>
        Templates.FirstOrDefault(t => string.Equals(t.Value.MiniProgramTemplateId, templateId, StringComparison.Ordinal)).Key;
}

public sealed class NotificationTemplateOptions
{
    /// <summary>Mini Program subscribe-message template id; null when this message never goes that way.</summary>
    public string? MiniProgramTemplateId { get; set; }

    /// <summary>Logical field → subscribe-message key, e.g. <c>name → thing1</c>.</summary>
    public Dictionary<string, string> MiniProgramFields { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Official Account template-message id: the fallback, or the channel itself.</summary>
    public string? OfficialAccountTemplateId { get; set; }

    /// <summary>Logical field → template-message key, e.g. <c>name → keyword1</c>.</summary>
    public Dictionary<string, string> OfficialAccountFields { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Every template has at least one channel (on a host that sends), and every channel it has maps at least one field.
/// </summary>
public sealed class NotificationOptionsValidator(bool sends = true) : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var failures = new List<string>();
        foreach (var (key, t) in options.Templates)
        {
            var setting = $"{NotificationOptions.Section}:Templates:{key}";
            if (sends && string.IsNullOrWhiteSpace(t.MiniProgramTemplateId) && string.IsNullOrWhiteSpace(t.OfficialAccountTemplateId))
                failures.Add($"{setting} needs MiniProgramTemplateId or OfficialAccountTemplateId.");
            if (!string.IsNullOrWhiteSpace(t.MiniProgramTemplateId) && t.MiniProgramFields.Count == 0)
                failures.Add($"{setting}:MiniProgramFields must map at least one field.");
            if (!string.IsNullOrWhiteSpace(t.OfficialAccountTemplateId) && t.OfficialAccountFields.Count == 0)
                failures.Add($"{setting}:OfficialAccountFields must map at least one field.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
