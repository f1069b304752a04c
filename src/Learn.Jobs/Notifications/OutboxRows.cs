using System.Data;
using System.Data.Common;
using System.Text.Json;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Notifications;

/// <summary>
/// Writes one batch of a campaign's rows with a single statement (arrays on PostgreSQL, a JSON array on SQLite)
/// instead of one tracked entity per row. <c>ON CONFLICT DO NOTHING</c> on the (campaign, member) and
/// idempotency-key indexes makes a batch that is written again after a crash add nothing.
/// </summary>
public static class OutboxRows
{
    private const string Columns = "campaign_id, member_id, channel, template, data_json, page, state, attempts, next_attempt_at, idempotency_key, created_at, updated_at";

    /// <summary>Inserts the rows that do not exist yet; returns how many did not.</summary>
    public static Task<int> InsertAsync(LearnDbContext db, NotificationCampaign campaign, IReadOnlyList<RecipientRow> page, DateTime now, CancellationToken ct)
    {
        if (page.Count == 0) return Task.FromResult(0);
        var data = DataOf(campaign, page);
        var keys = page.Select(r => OutboxMessage.KeyFor(campaign.Id, r.MemberId)).ToArray();
        var channel = campaign.Channel.ToString();
        var pageParameter = PageParameter(db, campaign.Page);
        if (db.Database.IsNpgsql())
        {
            var members = page.Select(r => r.MemberId).ToArray();
            return db.Database.ExecuteSqlRawAsync($$"""
                INSERT INTO outbox_messages ({{Columns}})
                SELECT {0}, r.member_id, {1}, {2}, r.data_json, {3}, 'Pending', 0, {4}, r.idempotency_key, {4}, {4}
                FROM unnest({5}, {6}, {7}) AS r(member_id, data_json, idempotency_key)
                ON CONFLICT DO NOTHING
                """, [campaign.Id, channel, campaign.Template, pageParameter, now, members, data, keys], ct);
        }
        var rows = JsonSerializer.Serialize(page.Select((r, i) => new { m = r.MemberId, d = data[i], k = keys[i] }));
        // SQLite needs a WHERE on INSERT … SELECT … ON CONFLICT to parse the upsert clause.
        return db.Database.ExecuteSqlRawAsync($$"""
            INSERT INTO outbox_messages ({{Columns}})
            SELECT {0}, json_extract(r.value, '$.m'), {1}, {2}, json_extract(r.value, '$.d'), {3}, 'Pending', 0, {4}, json_extract(r.value, '$.k'), {4}, {4}
            FROM json_each({5}) AS r WHERE true
            ON CONFLICT DO NOTHING
            """, [campaign.Id, channel, campaign.Template, pageParameter, now, rows], ct);
    }

    // A bare null has no type for EF's raw SQL; the page is usually null.
    private static DbParameter PageParameter(LearnDbContext db, string? page)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        var parameter = command.CreateParameter();
        parameter.ParameterName = "page";
        parameter.DbType = DbType.String;
        parameter.Value = (object?)page ?? DBNull.Value;
        return parameter;
    }

    /// <summary>Each row's data: the campaign's, with the member's own fields laid over it.</summary>
    private static string[] DataOf(NotificationCampaign campaign, IReadOnlyList<RecipientRow> page)
    {
        var shared = campaign.DataJson ?? "{}";
        if (page.All(r => r.Fields is null)) return Enumerable.Repeat(shared, page.Count).ToArray();
        var baseData = JsonSerializer.Deserialize<Dictionary<string, string>>(shared) ?? [];
        return page.Select(r =>
        {
            if (r.Fields is null) return shared;
            var merged = new Dictionary<string, string>(baseData, StringComparer.Ordinal);
            foreach (var (k, v) in r.Fields) merged[k] = v;
            return JsonSerializer.Serialize(merged);
        }).ToArray();
    }
}
