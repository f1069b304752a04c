using System.Collections.Concurrent;

namespace FakeWeChat;

/// <summary>What <c>jscode2session</c> answers for a <c>wx.login</c> code.</summary>
public sealed record FakeSession(string OpenId, string SessionKey, string? UnionId);

/// <summary>A phone number behind a phone-number button code.</summary>
public sealed record FakePhone(string PurePhoneNumber, string CountryCode)
{
    /// <summary>WeChat's <c>phoneNumber</c>: plain for China, "+cc number" otherwise.</summary>
    public string PhoneNumber => CountryCode == "86" ? PurePhoneNumber : $"+{CountryCode} {PurePhoneNumber}";
}

/// <summary>
/// One-time codes the fake knows, like WeChat's: each code works once (40163 after), an unknown one
/// answers 40029.
/// </summary>
/// <typeparam name="T">What a code stands for.</typeparam>
public sealed class FakeCodes<T>
{
    private readonly ConcurrentDictionary<string, T> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _used = new(StringComparer.Ordinal);

    /// <summary>Registers (or replaces) a code.</summary>
    public void Add(string code, T value)
    {
        _codes[code] = value;
        _used.TryRemove(code, out _);
    }

    internal (T? Value, int ErrCode) Redeem(string? code)
    {
        if (string.IsNullOrEmpty(code)) return (default, 41008);
        if (_used.ContainsKey(code)) return (default, 40163);
        if (!_codes.TryRemove(code, out var value)) return (default, 40029);
        _used[code] = 0;
        return (value, 0);
    }
}

/// <summary>Subscription consents: when <see cref="Enforce"/> is on, each send spends one, and none left answers 43101.</summary>
public sealed class FakeConsents
{
    private readonly ConcurrentDictionary<(string OpenId, string TemplateId), int> _left = new();

    /// <summary>Off by default: every send is accepted.</summary>
    public bool Enforce { get; set; }

    /// <summary>The member accepted <paramref name="count"/> one-time subscriptions to the template.</summary>
    public void Grant(string openId, string templateId, int count = 1)
        => _left.AddOrUpdate((openId, templateId), count, (_, n) => n + count);

    /// <summary>Consents left.</summary>
    public int Remaining(string openId, string templateId) => _left.TryGetValue((openId, templateId), out var n) ? n : 0;

    internal bool TrySpend(string openId, string templateId)
    {
        if (!Enforce) return true;
        while (true)
        {
            var n = Remaining(openId, templateId);
            if (n <= 0) return false;
            if (_left.TryUpdate((openId, templateId), n - 1, n)) return true;
        }
    }
}
