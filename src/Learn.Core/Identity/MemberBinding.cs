using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Invitations;
using Learn.Core.Members;
using Learn.Core.Organizers;
using Learn.Core.Problems;
using Learn.Core.Security;
using Learn.WeChat.Errors;
using Learn.WeChat.MiniProgram;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Identity;

/// <summary>What a bind request carries: an invitation code (with the name for a branch-wide code), or name + phone code.</summary>
public sealed record BindRequest(string? InvitationCode, string? Name, string? PhoneCode);

/// <summary>
/// Binds a WeChat identity to a roster member: in the Mini Program by invitation code or by name + the mobile
/// from the phone-number button; on the Official Account's binding page by the routes of
/// <see cref="OfficialAccountLinking"/>. Every refusal counts towards <see cref="BindAttempts"/>.
/// </summary>
public sealed class MemberBinding(LearnDbContext db, MiniProgramClient miniProgram, RosterMatching roster,
    BindAttempts attempts, IdentityLinks links, Auditor auditor, TimeProvider clock)
{
    public Task<Outcome<Member>> BindIdentityAsync(long identityId, BindRequest request, CancellationToken ct = default) =>
        BindAsync(identityId, c => !string.IsNullOrWhiteSpace(request.InvitationCode) ? roster.ByInvitationAsync(request.InvitationCode, request.Name, c)
            : !string.IsNullOrWhiteSpace(request.PhoneCode) ? ByPhoneAsync(request, c)
            : Task.FromResult<Outcome<RosterMatch>>(Refusal.Invalid("invitationCode", "请填写邀请码，或授权手机号并填写姓名")), ct);

    /// <summary>
    /// The flow every route shares: refuse a bound identity and a blocked one, find the member, link, audit, all or
    /// nothing. <paramref name="find"/> runs only when the identity may still try.
    /// </summary>
    internal async Task<Outcome<Member>> BindAsync(long identityId, Func<CancellationToken, Task<Outcome<RosterMatch>>> find, CancellationToken ct)
    {
        var identity = await db.WeChatIdentities.SingleAsync(w => w.Id == identityId, ct);
        if (identity.MemberId is not null) return Refusal.Conflict(MemberProblemTypes.AlreadyBound, "该微信已绑定党员身份");
        if (await attempts.IsBlockedAsync(identityId))
            return new Refusal(StatusCodes.Status429TooManyRequests, ProblemTypes.TooManyRequests, "绑定失败次数过多，请1小时后再试或联系支部书记");

        var outcome = await find(ct);
        if (outcome.Refusal is null)
            outcome = await CompleteAsync(identity, outcome.Value!, ct);
        if (outcome.Refusal is { } refusal)
        {
            if (refusal.Status != StatusCodes.Status503ServiceUnavailable) await attempts.RecordFailureAsync(identityId);
            return refusal;
        }
        await attempts.ResetAsync(identityId);
        return outcome.Value!.Member;
    }

    private async Task<Outcome<RosterMatch>> ByPhoneAsync(BindRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name)) return Refusal.Invalid("name", "请填写您在党员名册中的姓名");
        PhoneNumberInfo phone;
        try
        {
            phone = await miniProgram.GetPhoneNumberAsync(request.PhoneCode!, ct);
        }
        catch (WeChatApiException e) when (e.IsTransient)
        {
            return new Refusal(StatusCodes.Status503ServiceUnavailable, ProblemTypes.Unavailable, "微信服务繁忙，请稍后再试");
        }
        catch (WeChatApiException)
        {
            return Refusal.Invalid("phoneCode", "手机号授权已失效，请重新授权");
        }
        var match = await roster.ByMobileAsync(request.Name, phone.CountryCode == "86" ? Mobile.Normalize(phone.PurePhoneNumber) : null, ct);
        return match.Refusal is null ? match.Value! with { Route = "phone" } : match;
    }

    private async Task<Outcome<RosterMatch>> CompleteAsync(WeChatIdentity identity, RosterMatch match, CancellationToken ct)
    {
        var (member, code) = (match.Member, match.Code);
        if (member.Status != MemberStatus.Active) return RosterMatching.NoMatch("该党员已不在册");
        if (await db.WeChatIdentities.AnyAsync(w => w.MemberId == member.Id && w.AppKind == identity.AppKind && w.Id != identity.Id, ct))
            return MemberAlreadyBound(identity.AppKind);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (code is not null)
        {
            // Compare-and-set: two phones racing for the last use of a code cannot both win.
            var used = await db.Set<InvitationCode>().Where(c => c.Id == code.Id && c.UsedCount < c.MaxUses)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedCount, c => c.UsedCount + 1), ct);
            if (used == 0) return RosterMatching.InvitationInvalid();
        }
        identity.MemberId = member.Id;
        identity.BoundAt = clock.GetUtcNow().UtcDateTime;
        await links.LinkSiblingsAsync(identity, ct);
        var action = identity.AppKind == WeChatAppKind.OfficialAccount ? "member.bind-official-account" : "member.bind";
        auditor.Record(new AuditActor(AuditActorKind.Member, member.Id, member.Name), action, nameof(Member), member.Id,
            after: new { identityId = identity.Id, route = match.Route, invitationCodeId = code?.Id });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique (member, app) index: another identity bound this member a moment ago.
            return MemberAlreadyBound(identity.AppKind);
        }
        await tx.CommitAsync(ct);
        return match;
    }

    private static Refusal MemberAlreadyBound(WeChatAppKind app) => Refusal.Conflict(MemberProblemTypes.MemberAlreadyBound, app == WeChatAppKind.OfficialAccount
        ? "该党员已关联其他公众号微信，如更换了微信请联系支部书记解绑"
        : "该党员已绑定其他微信，如更换了手机请联系支部书记解绑");
}
