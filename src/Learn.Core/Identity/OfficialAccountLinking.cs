using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Organizers;
using Learn.Core.Problems;
using Learn.Core.Security;
using Learn.WeChat.Configuration;
using Learn.WeChat.Errors;
using Learn.WeChat.OfficialAccount;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learn.Core.Identity;

/// <summary>What the binding page's form carries: a link code from the Mini Program, an invitation code (+ name), or name + mobile.</summary>
public sealed record OfficialAccountLinkRequest(string? LinkCode, string? InvitationCode, string? Name, string? Mobile);

/// <summary>
/// The Official Account's binding page, for followers whose Official Account and Mini Program do not share a
/// unionid: the OAuth visit records the follower's identity, and the form links it to a member by a one-time
/// code from the Mini Program (<see cref="OfficialAccountLinkCodes"/>) or by the Mini Program's own rules.
/// </summary>
public sealed class OfficialAccountLinking(LearnDbContext db, MemberBinding binding, RosterMatching roster, OfficialAccountLinkCodes codes,
    OfficialAccountClient officialAccount, IOptions<WeChatOptions> weChat, IdentityLinks links, TimeProvider clock,
    ILogger<OfficialAccountLinking> logger)
{
    /// <summary>
    /// The follower's Official Account identity, found or created, with whether they follow brought up to date:
    /// followers from before our server was connected never sent a subscribe event. A unionid binding applies at once.
    /// </summary>
    public async Task<WeChatIdentity> VisitAsync(OAuthIdentity visitor, CancellationToken ct = default)
    {
        var appId = weChat.Value.OfficialAccount.AppId;
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await FollowerAsync(visitor.OpenId, ct);
        var identity = await db.WeChatIdentities.SingleOrDefaultAsync(w => w.AppId == appId && w.OpenId == visitor.OpenId, ct);
        if (identity is null)
        {
            identity = new WeChatIdentity { AppKind = WeChatAppKind.OfficialAccount, AppId = appId, OpenId = visitor.OpenId, CreatedAt = now };
            db.WeChatIdentities.Add(identity);
        }
        if (user is not null) identity.Subscribed = user.Follows;
        identity.UnionId ??= user?.UnionId ?? visitor.UnionId;
        identity.LastSeenAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (identity.Id == 0)
        {
            // The follow event (or a second tab) created the row a moment ago: use that one.
            db.ChangeTracker.Clear();
            identity = await db.WeChatIdentities.SingleAsync(w => w.AppId == appId && w.OpenId == visitor.OpenId, ct);
        }
        await links.AdoptMemberByUnionIdAsync(identity, ct);
        return identity;
    }

    /// <summary>A one-time code for the binding page, for a member not yet linked to a follower of the Official Account.</summary>
    public async Task<Outcome<LinkCode>> IssueCodeAsync(long memberId, CancellationToken ct = default)
    {
        var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == memberId, ct);
        if (member.Status != MemberStatus.Active) return Refusal.Conflict(MemberProblemTypes.MemberLeft, "该党员已不在册");
        if (await db.WeChatIdentities.AnyAsync(w => w.MemberId == memberId && w.AppKind == WeChatAppKind.OfficialAccount, ct))
            return Refusal.Conflict(MemberProblemTypes.OfficialAccountAlreadyLinked, "您已关联公众号，无需再次绑定；如更换了微信请联系支部书记解绑");
        return await codes.IssueAsync(memberId);
    }

    /// <summary>Links the visitor's identity to a member; refusals as for the Mini Program's <c>/api/auth/bind</c>.</summary>
    public Task<Outcome<Member>> LinkAsync(long identityId, OfficialAccountLinkRequest request, CancellationToken ct = default) =>
        binding.BindAsync(identityId, c => FindAsync(request, c), ct);

    private async Task<Outcome<RosterMatch>> FindAsync(OfficialAccountLinkRequest request, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(request.LinkCode))
        {
            if (await codes.RedeemAsync(request.LinkCode) is not { } memberId)
                return new Refusal(StatusCodes.Status400BadRequest, MemberProblemTypes.LinkCodeInvalid, "绑定码无效或已过期，请在小程序「我的」页面重新获取");
            return new RosterMatch(await db.Members.SingleAsync(m => m.Id == memberId, ct), null, "link-code");
        }
        if (!string.IsNullOrWhiteSpace(request.InvitationCode)) return await roster.ByInvitationAsync(request.InvitationCode, request.Name, ct);
        if (string.IsNullOrWhiteSpace(request.Mobile)) return Refusal.Invalid("linkCode", "请填写小程序中的绑定码、支部邀请码，或姓名和手机号");
        if (string.IsNullOrWhiteSpace(request.Name)) return Refusal.Invalid("name", "请填写您在党员名册中的姓名");
        if (Mobile.Normalize(request.Mobile) is not { } mobile) return Refusal.Invalid("mobile", "请填写11位手机号码");
        return await roster.ByMobileAsync(request.Name, mobile, ct);
    }

    private async Task<OfficialAccountUser?> FollowerAsync(string openId, CancellationToken ct)
    {
        try
        {
            return await officialAccount.GetUserAsync(openId, ct);
        }
        catch (WeChatApiException e)
        {
            // Binding does not depend on it: the follow event keeps Subscribed right from here on.
            logger.LogWarning(e, "user/info failed for an Official Account visitor; keeping the stored follow state");
            return null;
        }
    }
}
