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
/// Binds a logged-in WeChat identity to a roster member: by invitation code, or by name + the mobile
/// from the Mini Program's phone-number button matched against the roster. Every refusal counts
/// towards <see cref="BindAttempts"/>.
/// </summary>
public sealed class MemberBinding(LearnDbContext db, MiniProgramClient miniProgram, PersonalDataProtector protector,
    BindAttempts attempts, IdentityLinks links, Auditor auditor, TimeProvider clock)
{
    public async Task<Outcome<Member>> BindIdentityAsync(long identityId, BindRequest request, CancellationToken ct = default)
    {
        var identity = await db.WeChatIdentities.SingleAsync(w => w.Id == identityId, ct);
        if (identity.MemberId is not null) return Refusal.Conflict(MemberProblemTypes.AlreadyBound, "该微信已绑定党员身份");
        if (await attempts.IsBlockedAsync(identityId))
            return new Refusal(StatusCodes.Status429TooManyRequests, ProblemTypes.TooManyRequests, "绑定失败次数过多，请1小时后再试或联系支部书记");

        var outcome = !string.IsNullOrWhiteSpace(request.InvitationCode) ? await ByInvitationAsync(request, ct)
            : !string.IsNullOrWhiteSpace(request.PhoneCode) ? await ByPhoneAsync(request, ct)
            : Refusal.Invalid("invitationCode", "请填写邀请码，或授权手机号并填写姓名");
        if (outcome.Refusal is null)
            outcome = await CompleteAsync(identity, outcome.Value!.Member, outcome.Value.Code, ct);
        if (outcome.Refusal is { } refusal)
        {
            if (refusal.Status != StatusCodes.Status503ServiceUnavailable) await attempts.RecordFailureAsync(identityId);
            return refusal;
        }
        await attempts.ResetAsync(identityId);
        return outcome.Value!.Member;
    }

    private sealed record Match(Member Member, InvitationCode? Code);

    private async Task<Outcome<Match>> ByInvitationAsync(BindRequest request, CancellationToken ct)
    {
        var text = InvitationCodes.Normalize(request.InvitationCode!);
        var now = clock.GetUtcNow().UtcDateTime;
        var code = await db.Set<InvitationCode>().Include(c => c.Organization).SingleOrDefaultAsync(c => c.Code == text, ct);
        if (code is null || !code.IsUsableAt(now))
            return new Refusal(StatusCodes.Status400BadRequest, MemberProblemTypes.InvitationInvalid, "邀请码无效、已过期或已用完");
        if (code.MemberId is { } memberId)
            return new Match(await db.Members.SingleAsync(m => m.Id == memberId, ct), code);
        if (string.IsNullOrWhiteSpace(request.Name)) return Refusal.Invalid("name", "请填写您在党员名册中的姓名");
        var name = request.Name.Trim();
        var path = code.Organization!.Path;
        var candidates = await db.Members.Where(m => m.Name == name && m.Status == MemberStatus.Active && m.Organization!.Path.StartsWith(path)).ToListAsync(ct);
        return candidates.Count switch
        {
            0 => NoMatch("本支部名册中没有这个姓名，请核对或联系支部书记"),
            1 => new Match(candidates[0], code),
            _ => NoMatch("本支部有同名党员，请联系支部书记获取个人邀请码"),
        };
    }

    private async Task<Outcome<Match>> ByPhoneAsync(BindRequest request, CancellationToken ct)
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
        var mobile = phone.CountryCode == "86" ? Mobile.Normalize(phone.PurePhoneNumber) : null;
        if (mobile is null) return NoMatch("该手机号不在党员名册中，请核对或联系支部书记");
        var hash = protector.LookupHash(mobile);
        var name = request.Name.Trim();
        var member = await db.Members.SingleOrDefaultAsync(m => m.MobileHash == hash && m.Status == MemberStatus.Active, ct);
        // Same answer for "unknown mobile" and "wrong name": neither reveals who is on the roster.
        return member is null || member.Name != name ? NoMatch("该手机号与姓名不在党员名册中，请核对或联系支部书记") : new Match(member, null);
    }

    private async Task<Outcome<Match>> CompleteAsync(WeChatIdentity identity, Member member, InvitationCode? code, CancellationToken ct)
    {
        if (member.Status != MemberStatus.Active) return NoMatch("该党员已不在册");
        if (await db.WeChatIdentities.AnyAsync(w => w.MemberId == member.Id && w.AppKind == identity.AppKind && w.Id != identity.Id, ct))
            return Refusal.Conflict(MemberProblemTypes.MemberAlreadyBound, "该党员已绑定其他微信，如更换了手机请联系支部书记解绑");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (code is not null)
        {
            // Compare-and-set: two phones racing for the last use of a code cannot both win.
            var used = await db.Set<InvitationCode>().Where(c => c.Id == code.Id && c.UsedCount < c.MaxUses)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedCount, c => c.UsedCount + 1), ct);
            if (used == 0) return new Refusal(StatusCodes.Status400BadRequest, MemberProblemTypes.InvitationInvalid, "邀请码无效、已过期或已用完");
        }
        identity.MemberId = member.Id;
        identity.BoundAt = clock.GetUtcNow().UtcDateTime;
        await links.LinkSiblingsAsync(identity, ct);
        auditor.Record(new AuditActor(AuditActorKind.Member, member.Id, member.Name), "member.bind", nameof(Member), member.Id,
            after: new { identityId = identity.Id, route = code is null ? "phone" : "invitation", invitationCodeId = code?.Id });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique (member, app) index: another identity bound this member a moment ago.
            return Refusal.Conflict(MemberProblemTypes.MemberAlreadyBound, "该党员已绑定其他微信，如更换了手机请联系支部书记解绑");
        }
        await tx.CommitAsync(ct);
        return new Match(member, code);
    }

    private static Refusal NoMatch(string title) => new(StatusCodes.Status422UnprocessableEntity, MemberProblemTypes.NoRosterMatch, title);
}
