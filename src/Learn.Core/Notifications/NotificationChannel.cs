namespace Learn.Core.Notifications;

/// <summary>How a message reaches a member's WeChat.</summary>
public enum NotificationChannel
{
    /// <summary>Mini Program one-time subscribe message: each send spends one consent.</summary>
    MiniProgramSubscribe,
    /// <summary>Official Account template message: the member must follow the account.</summary>
    OfficialAccountTemplate,
}

/// <summary>Where one outbox message stands.</summary>
public enum OutboxState
{
    /// <summary>Waiting for <see cref="OutboxMessage.NextAttemptAt"/>.</summary>
    Pending,
    /// <summary>Leased by a dispatcher; nothing has gone to WeChat for this attempt yet.</summary>
    Claimed,
    /// <summary>The send has started: after a crash WeChat may or may not have it (see ADR 0401).</summary>
    Sending,
    /// <summary>WeChat accepted it. Final.</summary>
    Sent,
    /// <summary>WeChat refused it, retries ran out, or the outcome is unknowable. Final, with a reason.</summary>
    Failed,
    /// <summary>No consent left and not following the Official Account, or no WeChat at all. Final, with a reason.</summary>
    Unreachable,
}

/// <summary>Who a campaign goes to.</summary>
public enum CampaignAudience
{
    /// <summary>
    /// Recipients a job chose: written with the campaign (digests, term reminders), or in batches by the
    /// dispatcher from <see cref="NotificationCampaign.RecipientSource"/> (birthdays, daily push, contests).
    /// </summary>
    Explicit,
    /// <summary>Every active member (within <see cref="NotificationCampaign.ScopePath"/> when set).</summary>
    Everyone,
    /// <summary>Active leading cadres (领导干部) only.</summary>
    LeadingCadres,
}

/// <summary>Whether a campaign's recipients are all written to the outbox yet.</summary>
public enum CampaignState
{
    /// <summary>Recipients are still being written, in batches, by the dispatcher.</summary>
    Expanding,
    /// <summary>Every recipient has a row.</summary>
    Ready,
}
