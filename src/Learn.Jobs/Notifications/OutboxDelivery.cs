using System.Text.Json;
using Learn.Core.Data;
using Learn.Core.Hosting.Metrics;
using Learn.Core.Identity;
using Learn.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Jobs.Notifications;

/// <summary>
/// Delivers one claimed row: choose the route (spending a consent for a subscribe message), record that the
/// send starts, send, record the outcome. Every write checks the claim token, so a dispatcher whose lease was
/// taken over writes nothing. The send and the writes around it ignore shutdown: half-done is what we avoid.
/// </summary>
public sealed class OutboxDelivery(IDbContextFactory<LearnDbContext> contexts, IMessageSender sender, SendRateLimiter limiter,
    TimeProvider time, IOptions<DispatcherOptions> dispatcherOptions, IOptions<NotificationOptions> notificationOptions,
    ILogger<OutboxDelivery> logger)
{
    private DispatcherOptions Options => dispatcherOptions.Value;

    /// <summary>
    /// Delivers <paramref name="msg"/>, read by the dispatcher with the batch it claimed (as claimed by this node;
    /// if the lease was taken over meanwhile, the first write fails on the claim token and nothing is sent).
    /// </summary>
    public async Task DeliverAsync(OutboxMessage msg, IReadOnlyList<MemberWeChat> identities, CancellationToken stopping)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        db.Attach(msg);
        if (!notificationOptions.Value.Templates.TryGetValue(msg.Template, out var template))
        {
            await FinishAsync(db, msg, OutboxState.Failed, DeliveryReasons.TemplateNotConfigured);
            return;
        }
        var miniOpenId = identities.FirstOrDefault(i => i.AppKind == WeChatAppKind.MiniProgram)?.OpenId;
        var officialOpenId = template.OfficialAccountTemplateId is null ? null
            : identities.FirstOrDefault(i => i.AppKind == WeChatAppKind.OfficialAccount && i.Subscribed)?.OpenId;
        var data = JsonSerializer.Deserialize<Dictionary<string, string>>(msg.DataJson) ?? [];

        // Rate tokens are taken before the send is recorded as started, so waiting widens no in-doubt window.
        await limiter.WaitAsync(msg.Template, stopping);

        var route = await RouteAsync(db, msg, template, miniOpenId, officialOpenId, identities.Count == 0);
        while (route is { } r)
        {
            var result = await sender.SendAsync(new OutgoingMessage(r.Channel, r.OpenId, msg.Template, data, msg.Page, msg.IdempotencyKey), CancellationToken.None);
            route = await RecordAsync(db, msg, template, result, officialOpenId);
        }
    }

    /// <summary>Reads the claimed rows of a batch and their members' WeChat identities: two queries per batch, not per message.</summary>
    public static async Task<List<(OutboxMessage Message, IReadOnlyList<MemberWeChat> Identities)>> LoadClaimedAsync(
        LearnDbContext db, IReadOnlyCollection<long> ids, string token, CancellationToken ct)
    {
        var messages = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => ids.Contains(m.Id) && m.ClaimToken == token && m.State == OutboxState.Claimed).OrderBy(m => m.Id).ToListAsync(ct);
        var members = messages.Select(m => m.MemberId).Distinct().ToArray();
        var identities = (await db.WeChatIdentities.AsNoTracking().Where(w => w.MemberId != null && members.Contains(w.MemberId.Value))
                .Select(w => new { MemberId = w.MemberId!.Value, Identity = new MemberWeChat(w.AppKind, w.OpenId, w.Subscribed) }).ToListAsync(ct))
            .ToLookup(w => w.MemberId, w => w.Identity);
        return messages.Select(m => (m, (IReadOnlyList<MemberWeChat>)identities[m.MemberId].ToList())).ToList();
    }

    private readonly record struct Route(NotificationChannel Channel, string OpenId);

    /// <summary>Picks the channel and marks the row Sending; null when the row was finished instead.</summary>
    private async Task<Route?> RouteAsync(LearnDbContext db, OutboxMessage msg, NotificationTemplateOptions template,
        string? miniOpenId, string? officialOpenId, bool noWeChat)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (msg is { SentVia: NotificationChannel.OfficialAccountTemplate, SendStartedAt: { } started })
        {
            // An earlier attempt's outcome is unknown: repeat it with the same client_msg_id while WeChat still dedupes.
            if (now - started > Options.OfficialAccountDedupeWindow || officialOpenId is null)
                return await FinishAsync(db, msg, OutboxState.Failed, DeliveryReasons.InDoubt);
            return await StartAsync(db, msg, NotificationChannel.OfficialAccountTemplate, officialOpenId, keepStart: true) ? new Route(NotificationChannel.OfficialAccountTemplate, officialOpenId) : null;
        }
        if (msg.Channel == NotificationChannel.MiniProgramSubscribe && template.MiniProgramTemplateId is { } templateId && miniOpenId is not null)
        {
            await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
            if (await ConsentLedger.TrySpendAsync(db, msg.MemberId, templateId, now, CancellationToken.None))
            {
                if (!await StartAsync(db, msg, NotificationChannel.MiniProgramSubscribe, miniOpenId, keepStart: false)) return null;
                await tx.CommitAsync(CancellationToken.None);
                return new Route(NotificationChannel.MiniProgramSubscribe, miniOpenId);
            }
        }
        if (officialOpenId is not null)
            return await StartAsync(db, msg, NotificationChannel.OfficialAccountTemplate, officialOpenId, keepStart: false) ? new Route(NotificationChannel.OfficialAccountTemplate, officialOpenId) : null;
        var reason = noWeChat ? DeliveryReasons.NoWeChat
            : msg.Channel == NotificationChannel.MiniProgramSubscribe ? DeliveryReasons.NoConsentNotFollowing : DeliveryReasons.NotFollowing;
        return await FinishAsync(db, msg, OutboxState.Unreachable, reason);
    }

    private async Task<bool> StartAsync(LearnDbContext db, OutboxMessage msg, NotificationChannel channel, string openId, bool keepStart)
    {
        var now = time.GetUtcNow().UtcDateTime;
        msg.State = OutboxState.Sending;
        msg.SentVia = channel;
        if (!keepStart) msg.SendStartedAt = now;
        msg.Attempts++;
        msg.LeaseUntil = now + Options.LeaseDuration;
        msg.UpdatedAt = now;
        return await SaveAsync(db, msg);
    }

    /// <summary>Records WeChat's answer; returns the next route when a subscribe message falls back.</summary>
    private async Task<Route?> RecordAsync(LearnDbContext db, OutboxMessage msg, NotificationTemplateOptions template, SendResult result, string? officialOpenId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var viaMini = msg.SentVia == NotificationChannel.MiniProgramSubscribe;
        msg.ErrorCode = result.ErrorCode;
        switch (result.Outcome)
        {
            case SendOutcome.Sent:
                msg.SentAt = now;
                msg.WeChatMsgId = result.MsgId;
                return await FinishAsync(db, msg, OutboxState.Sent, null);
            case SendOutcome.NoConsent when viaMini:
                // WeChat's count wins over ours; the member may still be reached through the Official Account.
                await ConsentLedger.ClearAsync(db, msg.MemberId, template.MiniProgramTemplateId!, now, CancellationToken.None);
                if (officialOpenId is not null && await StartAsync(db, msg, NotificationChannel.OfficialAccountTemplate, officialOpenId, keepStart: false))
                    return new Route(NotificationChannel.OfficialAccountTemplate, officialOpenId);
                return await FinishAsync(db, msg, OutboxState.Unreachable, DeliveryReasons.NoConsentNotFollowing);
            case SendOutcome.Unknown when viaMini:
                return await FinishAsync(db, msg, OutboxState.Failed, DeliveryReasons.InDoubt);
            case SendOutcome.Unknown:
                if (msg.Attempts >= Options.MaxAttempts) return await FinishAsync(db, msg, OutboxState.Failed, DeliveryReasons.InDoubt);
                return await RetryLaterAsync(db, msg, keepRoute: true);
            case SendOutcome.TransientFailure:
                if (viaMini) await ConsentLedger.RefundAsync(db, msg.MemberId, template.MiniProgramTemplateId!, now, CancellationToken.None);
                if (msg.Attempts >= Options.MaxAttempts) return await FinishAsync(db, msg, OutboxState.Failed, DeliveryReasons.RetriesExhausted);
                return await RetryLaterAsync(db, msg, keepRoute: false);
            default:
                if (viaMini) await ConsentLedger.RefundAsync(db, msg.MemberId, template.MiniProgramTemplateId!, now, CancellationToken.None);
                return await FinishAsync(db, msg, OutboxState.Failed, result.ErrorCode == 43004 ? DeliveryReasons.NotFollowing : DeliveryReasons.Rejected);
        }
    }

    private async Task<Route?> RetryLaterAsync(LearnDbContext db, OutboxMessage msg, bool keepRoute)
    {
        var now = time.GetUtcNow().UtcDateTime;
        msg.State = OutboxState.Pending;
        msg.NextAttemptAt = now + Options.Backoff(msg.Attempts);
        if (!keepRoute)
        {
            msg.SentVia = null;
            msg.SendStartedAt = null;
        }
        msg.ClaimToken = null;
        msg.LeaseUntil = null;
        msg.UpdatedAt = now;
        await SaveAsync(db, msg);
        return null;
    }

    private async Task<Route?> FinishAsync(LearnDbContext db, OutboxMessage msg, OutboxState state, string? reason)
    {
        msg.State = state;
        msg.FinalReason = reason;
        msg.ClaimToken = null;
        msg.LeaseUntil = null;
        msg.UpdatedAt = time.GetUtcNow().UtcDateTime;
        if (await SaveAsync(db, msg))
        {
            if (state == OutboxState.Sent) LearnMetrics.OutboxSent.Add(1, LearnMetrics.Tag("kind", msg.Template));
            else if (state == OutboxState.Failed) LearnMetrics.OutboxFailed.Add(1, LearnMetrics.Tag("kind", msg.Template));
        }
        return null;
    }

    private async Task<bool> SaveAsync(LearnDbContext db, OutboxMessage msg)
    {
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Our lease ran out and another node recovered the row: it owns the outcome now.
            logger.LogWarning("Outbox message {Id} was taken over by another dispatcher; leaving it", msg.Id);
            return false;
        }
    }
}

/// <summary>One of a member's WeChat identities, as delivery needs it.</summary>
public sealed record MemberWeChat(WeChatAppKind AppKind, string OpenId, bool Subscribed);
