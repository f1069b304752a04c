using System.Globalization;
using Npgsql;

namespace Learn.Bench;

/// <summary>One party committee, today's article for all of it, and N active members who follow the Official Account.</summary>
internal static class CampaignSeeder
{
    public static async Task SeedAsync(string cs, int recipients)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, shanghai).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        long root;
        await using (var insert = new NpgsqlCommand("INSERT INTO organizations (name, kind, path, sort_order, created_at) VALUES ('压测机关党委', 'PartyCommittee', '/', 0, now()) RETURNING id", conn))
            root = Convert.ToInt64(await insert.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        await using var cmd = new NpgsqlCommand($"""
            UPDATE organizations SET path = '/{root}/' WHERE id = {root};
            INSERT INTO articles (title, column_id, summary, source, body_format, body, body_html, text_length, audience_organization_id, audience_path,
                                  publish_on, min_reading_seconds, min_reading_seconds_set, created_at, updated_at)
            SELECT '全体党员今日学习', min(id), '压测', '学习平台编辑部', 'Markdown', '正文', '<p>正文</p>', 2, {root}, '/{root}/', DATE '{today}', 30, FALSE, now(), now()
            FROM article_columns;
            INSERT INTO members (name, gender, organization_id, joined_party_on, status, is_leading_cadre, created_at, updated_at)
            SELECT '党员' || g, 'Unknown', {root}, DATE '2000-07-01', 'Active', FALSE, now(), now() FROM generate_series(1, {recipients}) g;
            INSERT INTO wechat_identities (app_kind, app_id, open_id, member_id, subscribed, created_at, last_seen_at)
            SELECT 'OfficialAccount', 'wx2222222222222222', 'oa-bench-' || id, id, TRUE, now(), now() FROM members;
            ANALYZE;
            """, conn) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync();
    }
}
