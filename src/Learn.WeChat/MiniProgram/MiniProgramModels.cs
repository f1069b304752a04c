using System.Text.Json.Serialization;

namespace Learn.WeChat.MiniProgram;

/// <summary>Result of <c>jscode2session</c>. Keep <see cref="SessionKey"/> on the server: never send it to the client.</summary>
/// <param name="OpenId">The member's openid in the Mini Program.</param>
/// <param name="SessionKey">Key for decrypting this session's open data.</param>
/// <param name="UnionId">Present only when the apps share an open-platform account.</param>
public sealed record Code2SessionResult(
    [property: JsonPropertyName("openid")] string OpenId,
    [property: JsonPropertyName("session_key")] string SessionKey,
    [property: JsonPropertyName("unionid")] string? UnionId);

/// <summary>The member's phone number from <c>getuserphonenumber</c>.</summary>
/// <param name="PhoneNumber">With country code for non-Chinese numbers (e.g. "+1 202…"); plain for China.</param>
/// <param name="PurePhoneNumber">Without country code.</param>
/// <param name="CountryCode">e.g. "86".</param>
public sealed record PhoneNumberInfo(
    [property: JsonPropertyName("phoneNumber")] string PhoneNumber,
    [property: JsonPropertyName("purePhoneNumber")] string PurePhoneNumber,
    [property: JsonPropertyName("countryCode")] string CountryCode);

/// <summary>A one-time subscribe message (one accepted consent = one send).</summary>
/// <param name="ToUser">Recipient openid.</param>
/// <param name="TemplateId">Template id (see <c>WeChatOptions.TemplateId(name)</c>).</param>
/// <param name="Data">Field key (thing1, time2, …) → value; checked by <see cref="MessageDataRules"/>.</param>
/// <param name="Page">Page to open; defaults to <c>WeChat:MiniProgram:Page</c>.</param>
public sealed record SubscribeMessage(string ToUser, string TemplateId, IReadOnlyDictionary<string, string> Data, string? Page = null);

/// <summary>Scene of <c>msg_sec_check</c> v2.</summary>
public enum ContentScene
{
    /// <summary>Profile (nickname, signature).</summary>
    Profile = 1,
    /// <summary>Comments.</summary>
    Comment = 2,
    /// <summary>Forum posts.</summary>
    Forum = 3,
    /// <summary>Social log.</summary>
    SocialLog = 4,
}

/// <summary>WeChat's verdict in <c>result.suggest</c>.</summary>
public enum ContentSuggest
{
    /// <summary>Publish.</summary>
    Pass,
    /// <summary>Uncertain: hold for human review.</summary>
    Review,
    /// <summary>Do not publish.</summary>
    Risky,
}

/// <summary>Outcome of <c>msg_sec_check</c> v2.</summary>
/// <param name="Suggest">The verdict to act on.</param>
/// <param name="Label">WeChat's label (100 = normal, 20001 politics, …).</param>
/// <param name="TraceId">WeChat's trace id, for appeals.</param>
public sealed record ContentCheckResult(ContentSuggest Suggest, int Label, string? TraceId);
