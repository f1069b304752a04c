using System.Net;
using Microsoft.Extensions.Options;

namespace Learn.Api.WeChat;

/// <summary>
/// What the Official Account says back (section <c>WeChatPush</c>): the welcome, the keyword table, the
/// menu key of 今日学习, and how delivery reports are drained to the database.
/// </summary>
public sealed class WeChatPushOptions
{
    public const string Section = "WeChatPush";

    /// <summary>
    /// The public address of <c>/wechat/oa/bind</c>, where a follower binds their Party-member identity (linked from the
    /// welcome and the 绑定 keyword; also the OAuth redirect_uri, so its host must be the account's 网页授权域名).
    /// Empty: the texts send members to the Mini Program instead, and the page is switched off.
    /// </summary>
    public string BindingPageUrl { get; set; } = "";

    /// <summary>Welcome text on subscribe; <c>{BindingLink}</c> becomes the binding link.</summary>
    public string WelcomeText { get; set; } = "欢迎关注党员学习平台！\n{BindingLink}\n回复「帮助」查看使用说明。";

    /// <summary>The menu CLICK key answered with today's study article.</summary>
    public string TodayStudyMenuKey { get; set; } = "TODAY_STUDY";

    /// <summary>Answered to 今日学习 when there is no article today.</summary>
    public string NoStudyTodayText { get; set; } = "今日暂无学习文章";

    /// <summary>
    /// Text keyword → reply (exact match after trimming; <c>{BindingLink}</c> allowed). Configuration adds to
    /// or replaces these defaults; an empty reply switches a keyword off.
    /// </summary>
    public Dictionary<string, string> Keywords { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["帮助"] = "回复「绑定」获取党员身份绑定链接，回复「学习」了解每日学习。\n也可以点击底部菜单「今日学习」阅读今天的文章。",
        ["绑定"] = "{BindingLink}",
        ["学习"] = "点击底部菜单「今日学习」阅读今天的文章；打开小程序可以学习更多内容、参加知识竞赛。",
    };

    /// <summary>How long the drainer waits when no delivery report is buffered.</summary>
    public TimeSpan DeliveryDrainInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a batch read but not acknowledged may stay pending before another round claims it (a crashed drainer).</summary>
    public TimeSpan DeliveryClaimAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Delivery reports written to the database in one batch.</summary>
    public int DeliveryDrainBatchSize { get; set; } = 500;

    /// <summary>The text that stands for <c>{BindingLink}</c>.</summary>
    public string BindingLink() => string.IsNullOrWhiteSpace(BindingPageUrl)
        ? "请打开小程序，在「我的」页面绑定党员身份。"
        : $"<a href=\"{WebUtility.HtmlEncode(BindingPageUrl)}\">点击这里绑定党员身份</a>";

    /// <summary><paramref name="template"/> with its placeholders filled in.</summary>
    public string Fill(string template) => template.Replace("{BindingLink}", BindingLink(), StringComparison.Ordinal);
}

internal sealed class WeChatPushOptionsValidator : IValidateOptions<WeChatPushOptions>
{
    public ValidateOptionsResult Validate(string? name, WeChatPushOptions o)
    {
        const string s = WeChatPushOptions.Section;
        var errors = new List<string>();
        if (o.BindingPageUrl.Length > 0 &&
            (!Uri.TryCreate(o.BindingPageUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            errors.Add($"{s}:BindingPageUrl must be an absolute http(s) URL (or empty).");
        else if (o.BindingPageUrl.Contains('#', StringComparison.Ordinal))
            errors.Add($"{s}:BindingPageUrl must not contain a fragment (#): it is the OAuth redirect_uri of /wechat/oa/bind.");
        if (string.IsNullOrWhiteSpace(o.WelcomeText)) errors.Add($"{s}:WelcomeText is required.");
        if (string.IsNullOrWhiteSpace(o.TodayStudyMenuKey)) errors.Add($"{s}:TodayStudyMenuKey is required.");
        if (string.IsNullOrWhiteSpace(o.NoStudyTodayText)) errors.Add($"{s}:NoStudyTodayText is required.");
        if (o.DeliveryDrainInterval <= TimeSpan.Zero) errors.Add($"{s}:DeliveryDrainInterval must be positive.");
        if (o.DeliveryClaimAfter <= TimeSpan.Zero) errors.Add($"{s}:DeliveryClaimAfter must be positive.");
        if (o.DeliveryDrainBatchSize is < 1 or > 5000) errors.Add($"{s}:DeliveryDrainBatchSize must be 1–5000.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
