namespace Learn.Core.Notifications;

/// <summary>
/// Hands one message to WeChat. The dispatcher in Learn.Jobs is the only caller; Learn.Jobs adapts it to
/// Learn.WeChat. Implementations report outcomes rather than throw for anything WeChat says.
/// </summary>
public interface IMessageSender
{
    Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct);
}

/// <param name="Channel">Which app sends it.</param>
/// <param name="OpenId">The member's openid in that app.</param>
/// <param name="Template">Template name (a key of <c>Notifications:Templates</c>).</param>
/// <param name="Data">Logical field → value.</param>
/// <param name="Page">Mini Program page to open, or null.</param>
/// <param name="IdempotencyKey">Unique per recipient per campaign: WeChat's <c>client_msg_id</c> where it has one.</param>
public sealed record OutgoingMessage(
    NotificationChannel Channel, string OpenId, string Template, IReadOnlyDictionary<string, string> Data,
    string? Page, string IdempotencyKey);

public enum SendOutcome
{
    /// <summary>WeChat accepted the message.</summary>
    Sent,
    /// <summary>WeChat certainly did not send it, and a later attempt may succeed (busy, rate limit).</summary>
    TransientFailure,
    /// <summary>WeChat refused it for good (invalid openid, not following, bad data).</summary>
    PermanentFailure,
    /// <summary>43101: the member has no subscription left for this template.</summary>
    NoConsent,
    /// <summary>No answer (timeout, connection reset): WeChat may or may not have sent it.</summary>
    Unknown,
}

public sealed record SendResult(SendOutcome Outcome, int? ErrorCode = null, string? MsgId = null, string? Detail = null)
{
    public static SendResult Ok(string? msgId) => new(SendOutcome.Sent, 0, msgId);
}
