using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Members;

public sealed record TransferInput(long ToOrganizationId, DateOnly? TransferredOn, string? Reason);

public sealed record LeaveInput(MemberStatus Status, DateOnly LeftOn, string? Reason);

/// <summary>
/// 组织关系转接 and leaving the roster. Both keep the member's row and write a
/// <see cref="MemberTransfer"/>: members are never deleted, their records stay with them.
/// </summary>
public sealed class MemberMoves(LearnDbContext db, Auditor auditor, TimeProvider clock)
{
    public async Task<Outcome<MemberView>> TransferAsync(OrganizerScope scope, long id, TransferInput input, CancellationToken ct = default)
    {
        var member = await scope.Filter(db.Members.Include(m => m.Organization)).SingleOrDefaultAsync(m => m.Id == id, ct);
        if (member is null) return Refusal.NotFound();
        if (member.Status != MemberStatus.Active) return Refusal.Conflict(MemberProblemTypes.MemberLeft, "该党员已不在册，不能转接");
        // The receiving branch must be in scope too: a branch secretary transfers within their branch's groups only.
        var target = await scope.Filter(db.Organizations).SingleOrDefaultAsync(o => o.Id == input.ToOrganizationId, ct);
        if (target is null) return Refusal.Invalid("toOrganizationId", "转入组织不存在或不在您的管理范围内");
        if (MemberRules.OrganizationKindError(target) is { } kindError) return Refusal.Invalid("toOrganizationId", kindError);
        if (target.Id == member.OrganizationId) return Refusal.Invalid("toOrganizationId", "转入组织与当前所在组织相同");
        if (input.Reason?.Length > 200) return Refusal.Invalid("reason", "转接原因不能超过200字");
        var today = Shanghai.Today(clock);
        var on = input.TransferredOn ?? today;
        if (on > today) return Refusal.Invalid("transferredOn", "转接日期不能晚于今天");

        var before = MemberSnapshot.Of(member);
        var now = clock.GetUtcNow().UtcDateTime;
        db.Set<MemberTransfer>().Add(new MemberTransfer
        {
            MemberId = member.Id, FromOrganizationId = member.OrganizationId, ToOrganizationId = target.Id,
            TransferredOn = on, Reason = input.Reason, RecordedByOrganizerId = scope.AccountId, RecordedAt = now,
        });
        member.OrganizationId = target.Id;
        member.Organization = target;
        member.UpdatedAt = now;
        auditor.Record(scope.Actor(), "member.transfer", nameof(Member), member.Id, before, MemberSnapshot.Of(member), target.Path, input.Reason);
        await db.SaveChangesAsync(ct); // transfer row, member and audit entry commit together
        return MemberNames.View(member, target);
    }

    /// <summary>Marks a member as moved away (转出) or deceased (已故), or back to active.</summary>
    public async Task<Outcome<MemberView>> SetStatusAsync(OrganizerScope scope, long id, LeaveInput input, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(input.Status)) return Refusal.Invalid("status", "状态不正确");
        if (input.Reason?.Length > 200) return Refusal.Invalid("reason", "原因不能超过200字");
        var member = await scope.Filter(db.Members.Include(m => m.Organization)).SingleOrDefaultAsync(m => m.Id == id, ct);
        if (member is null) return Refusal.NotFound();
        if (input.LeftOn > Shanghai.Today(clock)) return Refusal.Invalid("leftOn", "日期不能晚于今天");
        if (input.LeftOn < member.JoinedPartyOn) return Refusal.Invalid("leftOn", "日期不能早于入党日期");

        var before = MemberSnapshot.Of(member);
        var now = clock.GetUtcNow().UtcDateTime;
        if (input.Status == MemberStatus.MovedAway && member.Status == MemberStatus.Active)
        {
            // Moving out of the system is a transfer to nowhere we manage: the history shows where from.
            db.Set<MemberTransfer>().Add(new MemberTransfer
            {
                MemberId = member.Id, FromOrganizationId = member.OrganizationId, ToOrganizationId = null,
                TransferredOn = input.LeftOn, Reason = input.Reason, RecordedByOrganizerId = scope.AccountId, RecordedAt = now,
            });
        }
        member.Status = input.Status;
        member.LeftOn = input.Status == MemberStatus.Active ? null : input.LeftOn;
        member.UpdatedAt = now;
        auditor.Record(scope.Actor(), "member.status", nameof(Member), member.Id, before, MemberSnapshot.Of(member), member.Organization!.Path, input.Reason);
        await db.SaveChangesAsync(ct);
        return MemberNames.View(member, member.Organization);
    }
}
