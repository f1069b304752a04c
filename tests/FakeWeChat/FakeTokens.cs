using System.Security.Cryptography;

namespace FakeWeChat;

/// <summary>
/// Issues and checks access tokens like WeChat: stable_token returns the current token while it is
/// valid (a new one with force_refresh, which retires the old); /cgi-bin/token always issues a new one.
/// </summary>
internal sealed class FakeTokens(TimeProvider time)
{
    private readonly Dictionary<string, Entry> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _current = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int LifetimeSeconds { get; set; } = 7200;

    public (string Token, int ExpiresIn) Stable(string appId, bool force)
    {
        lock (_lock)
        {
            if (!force && _current.TryGetValue(appId, out var token) && _tokens[token] is { Revoked: false } e && e.ExpiresAt > time.GetUtcNow())
                return (token, (int)(e.ExpiresAt - time.GetUtcNow()).TotalSeconds);
            if (force && _current.TryGetValue(appId, out var old)) _tokens[old] = _tokens[old] with { Revoked = true };
            return Issue(appId);
        }
    }

    public (string Token, int ExpiresIn) New(string appId)
    {
        lock (_lock) return Issue(appId);
    }

    /// <summary>The token's app, or the errcode WeChat would answer (41001 missing, 40001 invalid, 42001 expired).</summary>
    public (string? AppId, int ErrCode) Check(string? token)
    {
        if (string.IsNullOrEmpty(token)) return (null, 41001);
        lock (_lock)
        {
            if (!_tokens.TryGetValue(token, out var e) || e.Revoked) return (e?.AppId, 40001);
            return e.ExpiresAt <= time.GetUtcNow() ? (e.AppId, 42001) : (e.AppId, 0);
        }
    }

    public void ExpireAll() => Update(e => e with { ExpiresAt = DateTimeOffset.MinValue });

    public void RevokeAll() => Update(e => e with { Revoked = true });

    private void Update(Func<Entry, Entry> change)
    {
        lock (_lock)
            foreach (var key in _tokens.Keys.ToList()) _tokens[key] = change(_tokens[key]);
    }

    private (string, int) Issue(string appId)
    {
        var token = "FAKE_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _tokens[token] = new Entry(appId, time.GetUtcNow().AddSeconds(LifetimeSeconds), false);
        _current[appId] = token;
        return (token, LifetimeSeconds);
    }

    private sealed record Entry(string AppId, DateTimeOffset ExpiresAt, bool Revoked);
}
