using System.Collections.Concurrent;

namespace FakeWeChat;

/// <summary>
/// Who follows the fake Official Account (<c>cgi-bin/user/info</c>), with their unionid when the account is
/// bound to an open platform, and which OAuth visitors are snapshot-page virtual accounts.
/// </summary>
public sealed class FakeFollowers
{
    private readonly ConcurrentDictionary<string, string?> _following = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _unionIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _snapshot = new(StringComparer.Ordinal);

    /// <summary>The user follows the account (again).</summary>
    public void Follow(string openId, string? unionId = null)
    {
        _following[openId] = unionId;
        if (unionId is not null) _unionIds[openId] = unionId;
    }

    /// <summary>The user stopped following.</summary>
    public void Unfollow(string openId) => _following.TryRemove(openId, out _);

    /// <summary>OAuth for this openid answers <c>is_snapshotuser: 1</c> (WeChat's snapshot-page virtual account).</summary>
    public void MarkSnapshotUser(string openId) => _snapshot[openId] = 0;

    internal bool Follows(string openId) => _following.ContainsKey(openId);

    internal string? UnionIdOf(string openId) => _unionIds.GetValueOrDefault(openId);

    internal bool IsSnapshotUser(string openId) => _snapshot.ContainsKey(openId);
}
