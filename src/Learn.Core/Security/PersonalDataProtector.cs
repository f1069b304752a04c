using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Learn.Core.Security;

/// <summary>
/// Protects personal data at rest (mobile numbers, WeChat session keys): AES-256-GCM for values we
/// must read back, and a keyed HMAC for values we only need to look up by equality.
/// Both keys are derived from <c>Security:PersonalDataKey</c>, so one secret is configured.
/// </summary>
public sealed class PersonalDataProtector
{
    private readonly byte[] _encryptionKey;
    private readonly byte[] _hashKey;

    public PersonalDataProtector(IOptions<PersonalDataOptions> options)
    {
        var master = Convert.FromBase64String(options.Value.PersonalDataKey!);
        _encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: "learn/encrypt"u8.ToArray());
        _hashKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: "learn/lookup"u8.ToArray());
    }

    public string Encrypt(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[12 + 16 + plain.Length];
        var nonce = output.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_encryptionKey, 16);
        aes.Encrypt(nonce, plain, output.AsSpan(28), output.AsSpan(12, 16));
        return Convert.ToBase64String(output);
    }

    public string Decrypt(string cipher)
    {
        var input = Convert.FromBase64String(cipher);
        var plain = new byte[input.Length - 28];
        using var aes = new AesGcm(_encryptionKey, 16);
        aes.Decrypt(input.AsSpan(0, 12), input.AsSpan(28), input.AsSpan(12, 16), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Deterministic keyed hash (hex) for equality lookups without storing the value.</summary>
    public string LookupHash(string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(value)));
}
