using System.Text.Json;
using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Notifications;

/// <param name="Key">Natural key of the occasion; a second campaign with the same key is never written.</param>
/// <param name="Title">What organisers see in reports.</param>
/// <param name="Template">Template name (a key of <c>Notifications:Templates</c>).</param>
/// <param name="Channel">Preferred channel; subscribe messages fall back to the Official Account.</param>
/// <param name="Page">Mini Program page the message opens.</param>
public sealed record CampaignSpec(string Key, string Title, string Template, NotificationChannel Channel, string? Page = null);

/// <summary>One recipient of an explicit campaign and their own template data.</summary>
public sealed record Recipient(long MemberId, IReadOnlyDictionary<string, string> Data);

/// <summary>Writes campaigns into the outbox. Delivery is Learn.Jobs' dispatcher's business.</summary>
public static class Outbox
{
    /// <summary>
    /// Writes the campaign and every message in one transaction, so a crash leaves all or nothing and a rerun
    /// redoes it. Returns null when a campaign with the key exists already (the occasion was handled).
    /// </summary>
    public static async Task<NotificationCampaign?> CreateExplicitAsync(LearnDbContext db, CampaignSpec spec,
        IReadOnlyCollection<Recipient> recipients, DateTime now, CancellationToken ct)
    {
        if (await ExistsAsync(db, spec.Key, ct)) return null;
        // A caller already in a transaction (a decision and the message that tells of it) keeps both in its own.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var campaign = NewCampaign(spec, CampaignAudience.Explicit, null, null, now);
        campaign.State = CampaignState.Ready;
        campaign.RecipientCount = recipients.Count;
        db.Add(campaign);
        if (!await TrySaveAsync(db, spec.Key, ct)) return null;
        foreach (var r in recipients.DistinctBy(r => r.MemberId))
            db.Add(NewMessage(campaign, r.MemberId, JsonSerializer.Serialize(r.Data), now));
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return campaign;
    }

    /// <summary>
    /// Writes an audience campaign; the dispatcher writes its rows in batches (keyset over member ids), so a
    /// 100,000-member campaign costs this call one insert and the scheduler thread nothing.
    /// </summary>
    public static async Task<NotificationCampaign?> CreateForAudienceAsync(LearnDbContext db, CampaignSpec spec,
        CampaignAudience audience, string? scopePath, IReadOnlyDictionary<string, string> data, DateTime now, CancellationToken ct)
    {
        if (audience == CampaignAudience.Explicit) throw new ArgumentException("Use CreateExplicitAsync for explicit recipients.", nameof(audience));
        if (await ExistsAsync(db, spec.Key, ct)) return null;
        var campaign = NewCampaign(spec, audience, scopePath, JsonSerializer.Serialize(data), now);
        db.Add(campaign);
        return await TrySaveAsync(db, spec.Key, ct) ? campaign : null;
    }

    /// <summary>
    /// Writes an explicit campaign whose recipients Learn.Jobs' rule <paramref name="source"/> lists: like an
    /// audience campaign, the dispatcher writes its rows in keyset batches, so the job that decided to send
    /// costs one insert however many members it reaches. <paramref name="data"/> is copied to every row,
    /// under the fields the rule adds per member.
    /// </summary>
    public static async Task<NotificationCampaign?> CreateStreamedAsync(LearnDbContext db, CampaignSpec spec, string source, string? sourceJson,
        IReadOnlyDictionary<string, string> data, DateTime now, CancellationToken ct)
    {
        if (await ExistsAsync(db, spec.Key, ct)) return null;
        var campaign = NewCampaign(spec, CampaignAudience.Explicit, null, JsonSerializer.Serialize(data), now);
        campaign.RecipientSource = source;
        campaign.SourceJson = sourceJson;
        db.Add(campaign);
        return await TrySaveAsync(db, spec.Key, ct) ? campaign : null;
    }

    public static Task<bool> ExistsAsync(LearnDbContext db, string key, CancellationToken ct) =>
        db.Set<NotificationCampaign>().AnyAsync(c => c.Key == key, ct);

    public static OutboxMessage NewMessage(NotificationCampaign campaign, long memberId, string dataJson, DateTime now) => new()
    {
        CampaignId = campaign.Id,
        MemberId = memberId,
        Channel = campaign.Channel,
        Template = campaign.Template,
        DataJson = dataJson,
        Page = campaign.Page,
        State = OutboxState.Pending,
        NextAttemptAt = now,
        IdempotencyKey = OutboxMessage.KeyFor(campaign.Id, memberId),
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static NotificationCampaign NewCampaign(CampaignSpec spec, CampaignAudience audience, string? scopePath, string? dataJson, DateTime now) => new()
    {
        Key = spec.Key,
        Title = spec.Title,
        Template = spec.Template,
        Channel = spec.Channel,
        Page = spec.Page,
        Audience = audience,
        ScopePath = scopePath,
        DataJson = dataJson,
        State = CampaignState.Expanding,
        CreatedAt = now,
    };

    // Two nodes racing on one occasion: the unique key lets exactly one insert win.
    private static async Task<bool> TrySaveAsync(LearnDbContext db, string key, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (db.Database.CurrentTransaction is { } tx) await tx.RollbackAsync(ct);
            if (await ExistsAsync(db, key, ct)) return false;
            throw;
        }
    }
}
