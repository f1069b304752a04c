using System.Security.Cryptography;
using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Invitations;

public sealed record InvitationInput(long OrganizationId, int ValidDays = 14, int MaxUses = 50);

public sealed record InvitationView(long Id, string Code, long OrganizationId, string OrganizationName, long? MemberId,
    DateTime ExpiresAt, int MaxUses, int UsedCount, bool Revoked);

/// <summary>Issuing, listing and revoking invitation codes within an organiser's scope.</summary>
public sealed class InvitationCodes(LearnDbContext db, Auditor auditor, TimeProvider clock)
{
    // No 0/O, 1/I/L: codes are read aloud in meetings and typed on phones.
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string NewCode() => string.Concat(Enumerable.Range(0, 8).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]));

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    public async Task<Outcome<InvitationView>> IssueAsync(OrganizerScope scope, InvitationInput input, CancellationToken ct = default)
    {
        if (input.ValidDays is < 1 or > 90) return Refusal.Invalid("validDays", "有效期应在1到90天之间");
        if (input.MaxUses is < 1 or > 1000) return Refusal.Invalid("maxUses", "可用次数应在1到1000之间");
        var org = await scope.Filter(db.Organizations).SingleOrDefaultAsync(o => o.Id == input.OrganizationId, ct);
        if (org is null) return Refusal.NotFound("组织不存在");
        if (org.Kind != OrganizationKind.Branch) return Refusal.Invalid("organizationId", "邀请码只能为党支部签发");
        var code = new InvitationCode
        {
            Code = NewCode(), OrganizationId = org.Id, MaxUses = input.MaxUses, CreatedByOrganizerId = scope.AccountId,
            CreatedAt = clock.GetUtcNow().UtcDateTime, ExpiresAt = clock.GetUtcNow().UtcDateTime.AddDays(input.ValidDays),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(code);
        await db.SaveChangesAsync(ct);
        auditor.Record(scope.Actor(), "invitation.issue", nameof(InvitationCode), code.Id,
            after: new { code.Code, code.OrganizationId, code.ExpiresAt, code.MaxUses }, organizationPath: org.Path);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return View(code, org);
    }

    public async Task<IReadOnlyList<InvitationView>> ListAsync(OrganizerScope scope, CancellationToken ct = default)
    {
        var orgs = scope.Filter(db.Organizations);
        return (await db.Set<InvitationCode>().AsNoTracking().Include(c => c.Organization)
                .Where(c => orgs.Any(o => o.Id == c.OrganizationId)).OrderByDescending(c => c.CreatedAt).ToListAsync(ct))
            .Select(c => View(c, c.Organization!)).ToList();
    }

    public async Task<Outcome<InvitationView>> RevokeAsync(OrganizerScope scope, long id, CancellationToken ct = default)
    {
        var orgs = scope.Filter(db.Organizations);
        var code = await db.Set<InvitationCode>().Include(c => c.Organization)
            .SingleOrDefaultAsync(c => c.Id == id && orgs.Any(o => o.Id == c.OrganizationId), ct);
        if (code is null) return Refusal.NotFound();
        code.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        auditor.Record(scope.Actor(), "invitation.revoke", nameof(InvitationCode), code.Id, organizationPath: code.Organization!.Path);
        await db.SaveChangesAsync(ct);
        return View(code, code.Organization);
    }

    private static InvitationView View(InvitationCode c, Organization org) =>
        new(c.Id, c.Code, c.OrganizationId, org.Name, c.MemberId, c.ExpiresAt, c.MaxUses, c.UsedCount, c.RevokedAt is not null);
}
