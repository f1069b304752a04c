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
/// <param name="OpenId">The member's openid in the Official Account (issued even to people who do not follow it).</param>
/// <param name="Scope">Granted scope.</param>
/// <param name="UnionId">Only sometimes present for snsapi_base (Tencent documents it for snsapi_userinfo).</param>
/// <param name="SnapshotUser">
/// <c>is_snapshotuser</c> = 1: WeChat showed a "snapshot page" and <see cref="OpenId"/> is a virtual account, not the person's.
/// </param>
public sealed record OAuthIdentity(
    [property: JsonPropertyName("openid")] string OpenId,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("unionid")] string? UnionId,
    [property: JsonPropertyName("is_snapshotuser")] int SnapshotUser = 0)
{
    /// <summary>True when the openid belongs to a snapshot-page virtual account and must not be linked to anyone.</summary>
    public bool IsSnapshotUser => SnapshotUser == 1;
}

/// <summary>A user as the Official Account sees them (<c>cgi-bin/user/info</c>).</summary>
/// <param name="Subscribe">1 when the user follows the account now; 0 otherwise (then nothing else but the openid is given).</param>
/// <param name="OpenId">The openid.</param>
/// <param name="UnionId">When the account is bound to an open-platform account.</param>
public sealed record OfficialAccountUser(
    [property: JsonPropertyName("subscribe")] int Subscribe,
    [property: JsonPropertyName("openid")] string OpenId,
    [property: JsonPropertyName("unionid")] string? UnionId)
{
    /// <summary>Whether template messages can reach this user.</summary>
    public bool Follows => Subscribe == 1;
}
