using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Learn.Core.Auth;

/// <summary>
/// Short-lived access tokens for the Mini Program: <c>base64url(json) "." base64url(HMAC-SHA256)</c>.
/// Validating one needs no database round trip (a contest answer must be cheap); revocation is a
/// Redis key per session checked by <see cref="MemberAuthenticationHandler"/>, and refresh tokens
/// (stored hashed in the database by the login feature) rotate on every use.
/// </summary>
public sealed class AccessTokens(IOptions<MemberTokenOptions> options, TimeProvider clock)
{
    private readonly byte[] _key = Convert.FromBase64String(options.Value.SigningKey!);

    public sealed record Payload(
        [property: JsonPropertyName("iid")] long IdentityId,
        [property: JsonPropertyName("mid")] long? MemberId,
        [property: JsonPropertyName("sid")] string SessionId,
        [property: JsonPropertyName("exp")] long ExpiresUnix);

    public TimeSpan Lifetime => TimeSpan.FromMinutes(options.Value.AccessTokenMinutes);

    public string Issue(long identityId, long? memberId, string sessionId)
    {
        var exp = clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        var json = JsonSerializer.SerializeToUtf8Bytes(new Payload(identityId, memberId, sessionId, exp));
        var body = Base64Url(json);
        return body + "." + Base64Url(Sign(body));
    }

    /// <summary>The payload when the token is authentic and unexpired; null otherwise.</summary>
    public Payload? Read(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1) return null;
        var body = token[..dot];
        byte[] signature;
        byte[] json;
        try
        {
            signature = FromBase64Url(token[(dot + 1)..]);
            json = FromBase64Url(body);
        }
        catch (FormatException)
        {
            return null;
        }
        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(body))) return null;
        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(json);
        }
        catch (JsonException)
        {
            return null;
        }
        return payload is not null && payload.ExpiresUnix > clock.GetUtcNow().ToUnixTimeSeconds() ? payload : null;
    }

    private byte[] Sign(string body) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(body));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string s)
    {
        var b64 = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '='));
    }
}
