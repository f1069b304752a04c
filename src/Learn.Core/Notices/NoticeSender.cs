using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Learn.Core.Organizers;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Learn.Core.Notices;

/// <summary>
/// Sends an organiser's notice: checks the draft, the branches (inside the organiser's subtree, else 404 as
/// everywhere) and the daily ration, then writes the notice, its outbox campaign (rows written in batches by
/// Learn.Jobs' expander under the rule <see cref="NoticeAudience.SourceName"/>) and the audit entry in one transaction.
/// </summary>
public sealed class NoticeSender(LearnDbContext db, Auditor auditor, TimeProvider clock, IOptions<NoticeOptions> options)
{
    public const string RateLimitedType = "urn:learn:problem:notice-rate-limited";

    /// <summary>The audience of a draft, or why it has none; branches outside the scope are refused as not found.</summary>
    public async Task<Outcome<(NoticeAudience Audience, string Names)>> AudienceAsync(OrganizerScope scope, NoticeDraft draft, CancellationToken ct)
    {
        if (draft.WholeSubtree)
        {
            if (scope.IsSuperAdmin) return (new NoticeAudience(true, []), "全体党员");
            if (scope.OrganizationId is not { } own) return Refusal.Forbidden("您的账号未关联组织，不能发送通知。");
            var name = await db.Organizations.Where(o => o.Id == own).Select(o => o.Name).SingleAsync(ct);
            return (new NoticeAudience(false, [own]), name + "全体党员");
        }
        var ids = draft.OrganizationIds.Distinct().ToArray();
        var chosen = await scope.Filter(db.Organizations).Where(o => ids.Contains(o.Id)).OrderBy(o => o.Path).Select(o => o.Name).ToListAsync(ct);
        if (chosen.Count != ids.Length) return Refusal.NotFound("所选支部不存在或不在您的管理范围内");
        return (new NoticeAudience(false, ids), MessageText.Fit(string.Join("、", chosen), 400));
    }

    public async Task<Outcome<Notice>> SendAsync(OrganizerScope scope, NoticeDraft draft, Guid token, string? clientIp, CancellationToken ct)
    {
        var key = $"notice:{token:N}";
        var existing = await FindByKeyAsync(key, ct);
        if (existing is not null) return existing; // the same form sent twice (double click, reload): one notice
        var errors = draft.Check();
        if (errors.Count > 0) return NoticeDraft.Invalid(errors);
        var audience = await AudienceAsync(scope, draft, ct);
        if (!audience.Succeeded) return audience.Refusal!;
        var (recipients, names) = audience.Value;

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            // One organiser's sends queue up here, so two tabs cannot both take the day's last notice.
            await db.Database.ExecuteSqlAsync($"SELECT id FROM organizer_accounts WHERE id = {scope.AccountId} FOR UPDATE", ct);
        }
        var dayStart = Shanghai.At(Shanghai.Today(clock), TimeOnly.MinValue).UtcDateTime;
        var sentToday = await db.Set<Notice>().CountAsync(n => n.AuthorId == scope.AccountId && n.CreatedAt >= dayStart, ct);
        var limit = options.Value.PerOrganizerPerDay;
        if (sentToday >= limit)
            return new Refusal(StatusCodes.Status429TooManyRequests, RateLimitedType, $"您今天已发送 {sentToday} 条通知，每人每天最多 {limit} 条，请明天再发。");

        var data = await DataAsync(scope, draft, ct);
        var spec = new CampaignSpec(key, draft.CleanTitle, NoticeMessage.Template, draft.Channel);
        var campaign = await Outbox.CreateStreamedAsync(db, spec, NoticeAudience.SourceName, recipients.ToJson(), data, now, ct);
        if (campaign is null) return await FindByKeyAsync(key, ct) is { } raced ? raced : Refusal.NotFound();
        var notice = new Notice
        {
            AuthorId = scope.AccountId, AuthorName = scope.DisplayName, OrganizationId = scope.OrganizationId,
            Title = draft.CleanTitle, Content = draft.CleanContent, Channel = draft.Channel, Recipients = names,
            CampaignId = campaign.Id, CreatedAt = now,
        };
        db.Add(notice);
        await db.SaveChangesAsync(ct);
        auditor.Record(scope.Actor(clientIp), "notice.send", "notice", notice.Id,
            after: new { notice.Title, notice.Content, Channel = notice.Channel.ToString(), notice.Recipients, recipients.OrganizationIds, notice.CampaignId },
            organizationPath: scope.IsSuperAdmin ? null : scope.RootPath);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return notice;
    }

    /// <summary>The message data members get, for the preview and the send alike.</summary>
    public async Task<Dictionary<string, string>> DataAsync(OrganizerScope scope, NoticeDraft draft, CancellationToken ct)
    {
        var sender = scope.OrganizationId is { } org ? await db.Organizations.Where(o => o.Id == org).Select(o => o.Name).SingleAsync(ct) : "机关党建学习平台";
        return NoticeMessage.Data(draft.CleanTitle, draft.CleanContent, sender, Shanghai.Today(clock));
    }

    private async Task<Notice?> FindByKeyAsync(string key, CancellationToken ct) =>
        await db.Set<Notice>().AsNoTracking()
            .Where(n => db.Set<NotificationCampaign>().Any(c => c.Id == n.CampaignId && c.Key == key)).SingleOrDefaultAsync(ct);
}

public static class NoticeRegistration
{
    public static IServiceCollection AddLearnNotices(this IServiceCollection services)
    {
        services.AddOptions<NoticeOptions>().BindConfiguration(NoticeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<NoticeSender>();
        return services;
    }
}
