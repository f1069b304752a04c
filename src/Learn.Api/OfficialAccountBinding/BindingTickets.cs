using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Learn.Core.Auth;
using Microsoft.Extensions.Options;

namespace Learn.Api.OfficialAccountBinding;

/// <summary>
/// The binding page's two signed, expiring values, keyed from <c>Auth:SigningKey</c> (HKDF with its own label, so
/// they can never pass for an access token), hence valid on every API instance:
/// <list type="bullet">
/// <item>the OAuth <c>state</c>: <c>{nonce}{exp}{mac}</c>, letters and digits only, ≤ 128 bytes as WeChat requires; the
/// nonce is also in a cookie, so a callback only completes in the browser that started it (anti-CSRF);</item>
/// <item>the form ticket: which Official Account identity the page was opened by, so the form cannot name another.</item>
/// </list>
/// </summary>
public sealed class BindingTickets(IOptions<MemberTokenOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan FormLifetime = TimeSpan.FromMinutes(30);
    private const int NonceLength = 16, ExpLength = 10, MacLength = 32;

    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(options.Value.SigningKey!), 32,
        info: "learn:official-account-binding"u8.ToArray());

    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(NonceLength / 2));

    public string IssueState(string nonce)
    {
        var exp = Expiry(StateLifetime);
        return nonce + exp + Mac("state", nonce, exp);
    }

    /// <summary>True when <paramref name="state"/> is ours, unexpired, and carries <paramref name="cookieNonce"/>.</summary>
    public bool IsValidState(string? state, string? cookieNonce)
    {
        if (state is not { Length: NonceLength + ExpLength + MacLength } || string.IsNullOrEmpty(cookieNonce)) return false;
        var (nonce, exp, mac) = (state[..NonceLength], state[NonceLength..(NonceLength + ExpLength)], state[(NonceLength + ExpLength)..]);
        return Matches(mac, Mac("state", nonce, exp)) && Unexpired(exp) &&
               CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(nonce), Encoding.ASCII.GetBytes(cookieNonce));
    }

    public string IssueForm(long identityId)
    {
        var id = identityId.ToString(CultureInfo.InvariantCulture);
        var exp = Expiry(FormLifetime);
        return $"{id}.{exp}.{Mac("form", id, exp)}";
    }

    /// <summary>The Official Account identity the form was issued to; null when the ticket is forged or expired.</summary>
    public long? ReadForm(string? ticket)
    {
        if (ticket?.Split('.') is not [var id, var exp, var mac] || !Matches(mac, Mac("form", id, exp)) || !Unexpired(exp)) return null;
        return long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var identityId) ? identityId : null;
    }

    private string Expiry(TimeSpan lifetime) => clock.GetUtcNow().Add(lifetime).ToUnixTimeSeconds().ToString("D10", CultureInfo.InvariantCulture);

    private bool Unexpired(string exp) =>
        long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) && unix > clock.GetUtcNow().ToUnixTimeSeconds();

    private string Mac(string purpose, string value, string exp) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{purpose}|{value}|{exp}")))[..MacLength];

    private static bool Matches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(expected));
}
