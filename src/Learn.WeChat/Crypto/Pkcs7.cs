namespace Learn.WeChat.Crypto;

/// <summary>
/// PKCS#7 with a block size of our choosing. WXBizMsgCrypt pads to 32 bytes (pad values 1..32), which
/// .NET's <c>PaddingMode.PKCS7</c> rejects above 16 ("Padding is invalid"), so we pad and unpad ourselves.
/// </summary>
internal static class Pkcs7
{
    public static byte[] Pad(ReadOnlySpan<byte> data, int blockSize)
    {
        var pad = blockSize - data.Length % blockSize; // 1..blockSize: a full block when already aligned
        var result = new byte[data.Length + pad];
        data.CopyTo(result);
        result.AsSpan(data.Length).Fill((byte)pad);
        return result;
    }

    /// <summary>The unpadded length, or -1 when the padding is invalid.</summary>
    public static int UnpaddedLength(ReadOnlySpan<byte> data, int blockSize)
    {
        if (data.Length == 0) return -1;
        int pad = data[^1];
        if (pad < 1 || pad > blockSize || pad > data.Length) return -1;
        foreach (var b in data[^pad..])
            if (b != pad) return -1;
        return data.Length - pad;
    }
}
