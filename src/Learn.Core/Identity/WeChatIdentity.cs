using Learn.Core.Members;

namespace Learn.Core.Identity;

/// <summary>
/// One WeChat user as seen by one of our apps. The same person has one openid per app
/// (Mini Program, Official Account); unionid ties them together when both apps share an
/// open-platform account.
/// </summary>
public class WeChatIdentity
{
    public long Id { get; set; }
    public WeChatAppKind AppKind { get; set; }
    public required string AppId { get; set; }
    public required string OpenId { get; set; }
    public string? UnionId { get; set; }

    /// <summary>The latest session_key from code2Session, encrypted; it never leaves the server.</summary>
    public string? SessionKeyCipher { get; set; }

    public long? MemberId { get; set; }
    public Member? Member { get; set; }
    public DateTime? BoundAt { get; set; }

    /// <summary>For Official Account identities: whether the user currently follows the account.</summary>
    public bool Subscribed { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
}

public enum WeChatAppKind
{
    MiniProgram,
    OfficialAccount,
}
