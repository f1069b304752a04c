using System.Diagnostics.CodeAnalysis;
using Learn.WeChat.Messages;

namespace Learn.WeChat.Inbound;

/// <summary>Why a push was refused. None of these should be processed; all should be logged.</summary>
public enum PushRefusal
{
    /// <summary>signature / msg_signature missing or wrong: not from WeChat.</summary>
    BadSignature,
    /// <summary>Signed correctly but the timestamp is outside the tolerance: a replay.</summary>
    StaleTimestamp,
    /// <summary>Not well-formed XML/JSON, a DTD, an undecryptable Encrypt, or bad padding.</summary>
    Malformed,
    /// <summary>Larger than <c>WeChat:MaxPushBodyBytes</c>.</summary>
    TooLarge,
    /// <summary>Decrypted correctly but addressed to another app id.</summary>
    WrongAppId,
    /// <summary>Push settings (token, key) for this app are not configured.</summary>
    NotConfigured,
    /// <summary>A plain push while the app is in safe mode: only the encrypted envelope is trusted.</summary>
    NotEncrypted,
}

/// <summary>Data format of a push body.</summary>
public enum PushFormat
{
    /// <summary>XML (Official Account; Mini Program when configured so).</summary>
    Xml,
    /// <summary>JSON (Mini Program).</summary>
    Json,
}

/// <summary>A verified, decrypted push.</summary>
/// <param name="Message">The parsed message.</param>
/// <param name="PlainBody">The plaintext body (decrypted in safe mode).</param>
/// <param name="Format">XML or JSON; replies use the same format.</param>
/// <param name="WasEncrypted">True when it came in compatible/safe mode: replies must be encrypted too.</param>
/// <param name="Nonce">The push's nonce, echoed in an encrypted reply.</param>
/// <param name="KeyIndex">0 = current EncodingAESKey, 1 = previous; the reply uses the same key.</param>
public sealed record InboundPush(WeChatMessage Message, string PlainBody, PushFormat Format, bool WasEncrypted, string Nonce, int KeyIndex);

/// <summary>Either the accepted value or a typed refusal with a detail for the log.</summary>
/// <typeparam name="T">What an accepted push yields.</typeparam>
public sealed record PushOutcome<T>(T? Value, PushRefusal? Refusal, string? Detail) where T : class
{
    /// <summary>True when the push was accepted; then <see cref="Value"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool IsAccepted => Refusal is null && Value is not null;

    internal static PushOutcome<T> Accept(T value) => new(value, null, null);

    internal static PushOutcome<T> Refuse(PushRefusal refusal, string detail) => new(null, refusal, detail);
}
