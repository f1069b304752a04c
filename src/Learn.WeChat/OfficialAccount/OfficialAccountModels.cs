using System.Text.Json.Serialization;

namespace Learn.WeChat.OfficialAccount;

/// <summary>A Mini Program page a message opens.</summary>
/// <param name="AppId">The Mini Program's app id.</param>
/// <param name="PagePath">Page path with query.</param>
public sealed record MiniProgramLink(string AppId, string PagePath);

/// <summary>
/// A template message (<c>template/send</c>, verified service accounts; the member must follow, else 43004).
/// Since 2023-05-04 each value is ≤ 20 characters without line breaks; first/remark, colours and emoji are gone.
/// </summary>
/// <param name="ToUser">Recipient openid (Official Account).</param>
/// <param name="TemplateId">Template id.</param>
/// <param name="Data">Field key → value.</param>
/// <param name="Url">Web page to open, or null.</param>
/// <param name="MiniProgram">Mini Program page to open (takes precedence over Url), or null.</param>
/// <param name="ClientMsgId">Our idempotency key: WeChat ignores a repeat within 10 minutes.</param>
public sealed record TemplateMessage(
    string ToUser, string TemplateId, IReadOnlyDictionary<string, string> Data,
    string? Url = null, MiniProgramLink? MiniProgram = null, string? ClientMsgId = null);

/// <summary>An Official Account subscription notification (<c>subscribe/bizsend</c>): one consent, one send.</summary>
/// <param name="ToUser">Recipient openid.</param>
/// <param name="TemplateId">Template id.</param>
/// <param name="Data">Field key (thing1, time2, …) → value.</param>
/// <param name="Page">Web page to open, or null.</param>
/// <param name="MiniProgram">Mini Program page to open, or null.</param>
public sealed record BizSubscribeMessage(
    string ToUser, string TemplateId, IReadOnlyDictionary<string, string> Data, string? Page = null, MiniProgramLink? MiniProgram = null);

/// <summary>Result of exchanging an OAuth2 code (snsapi_base).</summary>
/// <param name="OpenId">The member's openid in the Official Account.</param>
/// <param name="Scope">Granted scope.</param>
/// <param name="UnionId">When the apps share an open-platform account.</param>
public sealed record OAuthIdentity(
    [property: JsonPropertyName("openid")] string OpenId,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("unionid")] string? UnionId);
