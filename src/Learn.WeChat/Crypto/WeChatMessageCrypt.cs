using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Learn.WeChat.Crypto;

/// <summary>
/// WXBizMsgCrypt: AES-256-CBC with key = Base64(EncodingAESKey + "="), IV = the key's first 16 bytes.
/// Frame = 16 random bytes ‖ 4-byte big-endian UTF-8 length ‖ message ‖ app id, PKCS#7-padded to 32.
/// Holds the current key and, during a rotation, the previous one (tried second).
/// </summary>
public sealed class WeChatMessageCrypt
{
    private const int BlockSize = 32;
    private readonly string _appId;
    private readonly byte[][] _keys;

    /// <summary>Creates the crypt for one app; <paramref name="previousEncodingAesKey"/> may be empty.</summary>
    public WeChatMessageCrypt(string appId, string encodingAesKey, string? previousEncodingAesKey = null)
    {
        _appId = appId;
        _keys = string.IsNullOrEmpty(previousEncodingAesKey)
            ? [KeyFrom(encodingAesKey)]
            : [KeyFrom(encodingAesKey), KeyFrom(previousEncodingAesKey)];
    }

    /// <summary>Decrypts <paramref name="encrypt"/> with the current key, then the previous one.</summary>
    /// <returns>The message and the index of the key that worked (use it to encrypt the reply).</returns>
    /// <exception cref="WeChatCryptoException">No key yields a frame carrying our app id.</exception>
    public (string Message, int KeyIndex) Decrypt(string encrypt)
    {
        byte[] cipher;
        try { cipher = Convert.FromBase64String(encrypt); }
        catch (FormatException) { throw new WeChatCryptoException(CryptoFailure.Malformed, "Encrypt is not Base64."); }
        if (cipher.Length == 0 || cipher.Length % 16 != 0)
            throw new WeChatCryptoException(CryptoFailure.Malformed, "Encrypt is not a whole number of AES blocks.");

        WeChatCryptoException? first = null;
        for (var i = 0; i < _keys.Length; i++)
        {
            try { return (DecryptWith(_keys[i], cipher), i); }
            catch (WeChatCryptoException ex) { first ??= ex; }
        }
        throw first!;
    }

    /// <summary>Encrypts <paramref name="message"/> for WeChat with a fresh random prefix.</summary>
    public string Encrypt(string message, int keyIndex = 0)
        => Encrypt(message, RandomNumberGenerator.GetBytes(16), keyIndex);

    /// <summary>Encrypts with a given 16-byte prefix; only known-answer tests need to choose it.</summary>
    internal string Encrypt(string message, ReadOnlySpan<byte> random16, int keyIndex = 0)
    {
        var msg = Encoding.UTF8.GetBytes(message);
        var appId = Encoding.UTF8.GetBytes(_appId);
        var frame = new byte[20 + msg.Length + appId.Length];
        random16[..16].CopyTo(frame);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(16), msg.Length);
        msg.CopyTo(frame, 20);
        appId.CopyTo(frame, 20 + msg.Length);

        var key = _keys[keyIndex];
        using var aes = Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(Pkcs7.Pad(frame, BlockSize), key.AsSpan(0, 16), PaddingMode.None));
    }

    private string DecryptWith(byte[] key, byte[] cipher)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        var plain = aes.DecryptCbc(cipher, key.AsSpan(0, 16), PaddingMode.None);
        var length = Pkcs7.UnpaddedLength(plain, BlockSize);
        if (length < 0) throw new WeChatCryptoException(CryptoFailure.BadPadding, "Invalid padding.");
        if (length < 20) throw new WeChatCryptoException(CryptoFailure.BadLength, "Frame too short.");

        // Check the length field against the buffer before slicing: a forged length must not throw or overread.
        var msgLength = BinaryPrimitives.ReadUInt32BigEndian(plain.AsSpan(16, 4));
        if (msgLength > (uint)(length - 20)) throw new WeChatCryptoException(CryptoFailure.BadLength, "Length field exceeds the frame.");
        var appId = Encoding.UTF8.GetString(plain, 20 + (int)msgLength, length - 20 - (int)msgLength);
        if (!string.Equals(appId, _appId, StringComparison.Ordinal))
            throw new WeChatCryptoException(CryptoFailure.WrongAppId, $"Message is for app id '{appId}'.");
        return Encoding.UTF8.GetString(plain, 20, (int)msgLength);
    }

    private static byte[] KeyFrom(string encodingAesKey)
    {
        var key = encodingAesKey.Length == 43 ? Convert.FromBase64String(encodingAesKey + "=") : [];
        return key.Length == 32 ? key : throw new ArgumentException("EncodingAESKey must be 43 Base64 characters.", nameof(encodingAesKey));
    }
}
