using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Learn.WeChat.Crypto;

namespace Learn.WeChat.Tests.Crypto;

public class MessageCryptRoundTripTests
{
    private const string AppId = "wx0123456789abcdef";
    private static readonly string Key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static readonly string OtherKey = new('B', 43);

    [Fact]
    public void Chinese_text_round_trips_at_every_pad_length_including_pads_above_16()
    {
        var crypt = new WeChatMessageCrypt(AppId, Key);
        var pads = new HashSet<int>();
        for (var extra = 0; extra < 40; extra++)
        {
            var message = "<xml><Content><![CDATA[学习强国，今日学习" + new string('党', extra) + "]]></Content></xml>";
            var frameLength = 20 + Encoding.UTF8.GetByteCount(message) + AppId.Length;
            pads.Add(32 - frameLength % 32);

            var encrypt = crypt.Encrypt(message);
            Convert.FromBase64String(encrypt).Length.ShouldBe(frameLength + 32 - frameLength % 32);
            crypt.Decrypt(encrypt).Message.ShouldBe(message);
        }
        // '党' is 3 UTF-8 bytes, so 40 lengths visit every residue mod 32: pads 1..32 all occur.
        pads.Count.ShouldBe(32);
        pads.Max().ShouldBe(32);
    }

    [Fact]
    public void Previous_key_still_decrypts_during_rotation_and_reply_uses_that_key()
    {
        var old = new WeChatMessageCrypt(AppId, OtherKey);
        var rotated = new WeChatMessageCrypt(AppId, Key, previousEncodingAesKey: OtherKey);

        var (message, keyIndex) = rotated.Decrypt(old.Encrypt("旧密钥"));
        message.ShouldBe("旧密钥");
        keyIndex.ShouldBe(1);
        old.Decrypt(rotated.Encrypt("回复", keyIndex)).Message.ShouldBe("回复");
        rotated.Decrypt(rotated.Encrypt("新密钥")).KeyIndex.ShouldBe(0);
    }

    [Fact]
    public void Message_for_another_app_id_is_refused()
    {
        var encrypt = new WeChatMessageCrypt("wxffffffffffffffff", Key).Encrypt("hello");
        Should.Throw<WeChatCryptoException>(() => new WeChatMessageCrypt(AppId, Key).Decrypt(encrypt))
            .Failure.ShouldBe(CryptoFailure.WrongAppId);
    }

    [Fact]
    public void Truncated_ciphertext_is_refused()
    {
        var cipher = Convert.FromBase64String(new WeChatMessageCrypt(AppId, Key).Encrypt("hello world, 你好"));
        var crypt = new WeChatMessageCrypt(AppId, Key);
        // Dropping a whole block changes the last block's padding; dropping a few bytes breaks the block structure.
        Should.Throw<WeChatCryptoException>(() => crypt.Decrypt(Convert.ToBase64String(cipher[..^16])));
        Should.Throw<WeChatCryptoException>(() => crypt.Decrypt(Convert.ToBase64String(cipher[..^5])))
            .Failure.ShouldBe(CryptoFailure.Malformed);
        Should.Throw<WeChatCryptoException>(() => crypt.Decrypt("not base64!!")).Failure.ShouldBe(CryptoFailure.Malformed);
        Should.Throw<WeChatCryptoException>(() => crypt.Decrypt("")).Failure.ShouldBe(CryptoFailure.Malformed);
    }

    [Theory]
    [InlineData(0)]   // pad value 0 is never valid
    [InlineData(33)]  // above the 32-byte block
    [InlineData(-1)]  // inconsistent pad bytes
    public void Bad_padding_is_refused(int padValue)
    {
        var frame = Frame("hello", AppId);
        var padded = new byte[frame.Length + (32 - frame.Length % 32)];
        frame.CopyTo(padded, 0);
        var pad = padded.Length - frame.Length;
        padded.AsSpan(frame.Length).Fill((byte)pad);
        if (padValue >= 0) padded[^1] = (byte)padValue;
        else padded[^2] = (byte)(pad + 1);

        Should.Throw<WeChatCryptoException>(() => new WeChatMessageCrypt(AppId, Key).Decrypt(RawEncrypt(padded)))
            .Failure.ShouldBe(CryptoFailure.BadPadding);
    }

    [Fact]
    public void A_length_field_pointing_past_the_frame_is_refused()
    {
        var frame = Frame("hello", AppId);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(16), 100_000);
        var padded = new byte[frame.Length + (32 - frame.Length % 32)];
        frame.CopyTo(padded, 0);
        padded.AsSpan(frame.Length).Fill((byte)(padded.Length - frame.Length));

        Should.Throw<WeChatCryptoException>(() => new WeChatMessageCrypt(AppId, Key).Decrypt(RawEncrypt(padded)))
            .Failure.ShouldBe(CryptoFailure.BadLength);
    }

    private static byte[] Frame(string message, string appId)
    {
        var msg = Encoding.UTF8.GetBytes(message);
        var frame = new byte[20 + msg.Length + appId.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(16), msg.Length);
        msg.CopyTo(frame, 20);
        Encoding.ASCII.GetBytes(appId).CopyTo(frame, 20 + msg.Length);
        return frame;
    }

    // Encrypts an already padded buffer exactly as given, so the test controls the padding bytes.
    private static string RawEncrypt(byte[] padded)
    {
        var key = Convert.FromBase64String(Key + "=");
        using var aes = Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(padded, key.AsSpan(0, 16), PaddingMode.None));
    }
}
