namespace Learn.WeChat.Crypto;

/// <summary>Why a WeChat ciphertext was refused.</summary>
public enum CryptoFailure
{
    /// <summary>Not Base64, or not a whole number of AES blocks.</summary>
    Malformed,
    /// <summary>The PKCS#7 padding is not valid (wrong key, or tampered data).</summary>
    BadPadding,
    /// <summary>The length field points outside the decrypted buffer.</summary>
    BadLength,
    /// <summary>The data decrypted, but it names another app id.</summary>
    WrongAppId,
}

/// <summary>A WeChat ciphertext could not be decrypted or does not belong to our app.</summary>
public sealed class WeChatCryptoException(CryptoFailure failure, string message) : Exception(message)
{
    /// <summary>What was wrong.</summary>
    public CryptoFailure Failure { get; } = failure;
}
