using System.Security.Cryptography;
using System.Text.Json;

namespace Learn.WeChat.Crypto;

/// <summary>
/// Mini Program open data (<c>encryptedData</c> from wx.getUserInfo and friends): AES-128-CBC with
/// key = Base64(session_key) and the client's iv, PKCS#7 (16). The watermark's app id must be ours,
/// or the data was produced for another app.
/// </summary>
public static class OpenData
{
    /// <summary>Decrypts and checks the watermark; returns the JSON object.</summary>
    /// <exception cref="WeChatCryptoException">Undecryptable data or a foreign watermark.</exception>
    public static JsonElement Decrypt(string sessionKey, string encryptedData, string iv, string expectedAppId)
    {
        byte[] key, ivBytes, cipher;
        try
        {
            key = Convert.FromBase64String(sessionKey);
            ivBytes = Convert.FromBase64String(iv);
            cipher = Convert.FromBase64String(encryptedData);
        }
        catch (FormatException) { throw new WeChatCryptoException(CryptoFailure.Malformed, "session_key, iv or encryptedData is not Base64."); }
        if (key.Length != 16 || ivBytes.Length != 16 || cipher.Length == 0 || cipher.Length % 16 != 0)
            throw new WeChatCryptoException(CryptoFailure.Malformed, "Wrong key, iv or ciphertext length.");

        using var aes = Aes.Create();
        aes.Key = key;
        var plain = aes.DecryptCbc(cipher, ivBytes, PaddingMode.None);
        var length = Pkcs7.UnpaddedLength(plain, 16);
        if (length < 0) throw new WeChatCryptoException(CryptoFailure.BadPadding, "Invalid padding (wrong session_key or iv?).");

        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(plain.AsMemory(0, length));
            root = doc.RootElement.Clone();
        }
        catch (JsonException) { throw new WeChatCryptoException(CryptoFailure.Malformed, "Decrypted data is not JSON."); }

        var appId = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("watermark", out var w)
                    && w.ValueKind == JsonValueKind.Object && w.TryGetProperty("appid", out var a) ? a.GetString() : null;
        if (!string.Equals(appId, expectedAppId, StringComparison.Ordinal))
            throw new WeChatCryptoException(CryptoFailure.WrongAppId, $"Watermark app id '{appId}' is not ours.");
        return root;
    }
}
