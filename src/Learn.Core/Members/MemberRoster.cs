using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Learn.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Members;

/// <summary>
/// Creating, editing and reading members within an organiser's scope. Mobiles are stored
/// encrypted with a lookup hash and a masked form; only <see cref="RevealMobileAsync"/> (audited)
/// hands the clear number to an organiser whose scope covers the member.
/// </summary>
public sealed class MemberRoster(LearnDbContext db, Auditor auditor, PersonalDataProtector protector, TimeProvider clock)
{
    public async Task<Outcome<MemberDetail>> GetAsync(OrganizerScope scope, long id, CancellationToken ct = default)
    {
        var member = await scope.Filter(db.Members.AsNoTracking().Include(m => m.Organization)).SingleOrDefaultAsync(m => m.Id == id, ct);
        if (member is null) return Refusal.NotFound();
        var transfers = await db.Set<MemberTransfer>().AsNoTracking().Where(t => t.MemberId == id).OrderBy(t => t.RecordedAt).ThenBy(t => t.Id).ToListAsync(ct);
        var orgIds = member.Organization!.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse)
            .Concat(transfers.SelectMany(t => new[] { t.FromOrganizationId, t.ToOrganizationId }).OfType<long>()).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var pathNames = string.Join(" / ", member.Organization.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(i => names[long.Parse(i)]));
        var bound = await db.WeChatIdentities.AnyAsync(w => w.MemberId == id, ct);
        return new MemberDetail(MemberNames.View(member, member.Organization), pathNames, bound, transfers.Select(t =>
            new MemberTransferView(t.Id, t.FromOrganizationId, Name(t.FromOrganizationId), t.ToOrganizationId, Name(t.ToOrganizationId),
                t.TransferredOn, t.Reason, t.RecordedAt)).ToList());

        string? Name(long? orgId) => orgId is { } o && names.TryGetValue(o, out var n) ? n : null;
    }

    public async Task<Outcome<MemberView>> CreateAsync(OrganizerScope scope, MemberInput input, CancellationToken ct = default)
    {
        if (MemberRules.Validate(input, Shanghai.Today(clock)) is { } invalid) return invalid;
        var org = await scope.Filter(db.Organizations).SingleOrDefaultAsync(o => o.Id == input.OrganizationId, ct);
        if (org is null) return Refusal.Invalid("organizationId", "所在组织不存在或不在您的管理范围内");
        if (MemberRules.OrganizationKindError(org) is { } kindError) return Refusal.Invalid("organizationId", kindError);
        var now = clock.GetUtcNow().UtcDateTime;
        var member = new Member { Name = input.Name.Trim(), OrganizationId = org.Id, CreatedAt = now, UpdatedAt = now };
        Apply(member, input);
        if (await SetMobileAsync(scope, member, input.Mobile, ct) is { } taken) return taken;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Members.Add(member);
        await db.SaveChangesAsync(ct); // the audit entry names the new id
        auditor.Record(scope.Actor(), "member.create", nameof(Member), member.Id, after: MemberSnapshot.Of(member), organizationPath: org.Path);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return MemberNames.View(member, org);
    }

    /// <summary>Edits the member's details; the branch changes only through a transfer.</summary>
    public async Task<Outcome<MemberView>> EditAsync(OrganizerScope scope, long id, MemberInput input, CancellationToken ct = default)
    {
        var member = await scope.Filter(db.Members.Include(m => m.Organization)).SingleOrDefaultAsync(m => m.Id == id, ct);
        if (member is null) return Refusal.NotFound();
        if (MemberRules.Validate(input with { OrganizationId = member.OrganizationId }, Shanghai.Today(clock)) is { } invalid) return invalid;
        if (input.OrganizationId != 0 && input.OrganizationId != member.OrganizationId)
            return Refusal.Invalid("organizationId", "调整所在组织请使用组织关系转接");
        var before = MemberSnapshot.Of(member);
        Apply(member, input);
        if (await SetMobileAsync(scope, member, input.Mobile, ct) is { } taken) return taken;
        member.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        auditor.Record(scope.Actor(), "member.edit", nameof(Member), member.Id, before, MemberSnapshot.Of(member), member.Organization!.Path);
        await db.SaveChangesAsync(ct);
        return MemberNames.View(member, member.Organization);
    }

    /// <summary>The clear mobile, for an organiser whose scope covers the member; every look is audited.</summary>
    public async Task<Outcome<string?>> RevealMobileAsync(OrganizerScope scope, long id, CancellationToken ct = default)
    {
        var member = await scope.Filter(db.Members.AsNoTracking().Include(m => m.Organization)).SingleOrDefaultAsync(m => m.Id == id, ct);
        if (member is null) return Refusal.NotFound();
        auditor.Record(scope.Actor(), "member.mobile.view", nameof(Member), member.Id, organizationPath: member.Organization!.Path);
        await db.SaveChangesAsync(ct);
        return member.MobileCipher is null ? new Outcome<string?>(null, null) : protector.Decrypt(member.MobileCipher);
    }

    private static void Apply(Member member, MemberInput input)
    {
        member.Name = input.Name.Trim();
        member.Gender = input.Gender;
        member.JoinedPartyOn = input.JoinedPartyOn;
        member.FullMemberOn = input.FullMemberOn;
        member.Post = string.IsNullOrWhiteSpace(input.Post) ? null : input.Post.Trim();
        member.IsLeadingCadre = input.IsLeadingCadre;
    }

    private async Task<Refusal?> SetMobileAsync(OrganizerScope scope, Member member, string? input, CancellationToken ct)
    {
        var mobile = Mobile.Normalize(input);
        if (mobile is null)
        {
            member.MobileCipher = member.MobileHash = member.MobileMasked = null;
            return null;
        }
        var hash = protector.LookupHash(mobile);
        if (hash == member.MobileHash) return null;
        var (inScope, elsewhere) = await MobileDuplicates.FindAsync(db, scope, [hash], member.Id, ct);
        if (inScope.Count > 0) return Refusal.Conflict(MemberProblemTypes.MobileTaken, "该手机号已登记在您管理的名册中");
        protector.StoreMobile(member, mobile);
        if (elsewhere.Count > 0) MobileDuplicates.Hold(auditor, scope, member);
        return null;
    }
}
