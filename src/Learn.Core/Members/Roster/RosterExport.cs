using System.Globalization;
using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Organizers;
using Learn.Core.Security;
using Learn.Core.Spreadsheets;
using Microsoft.EntityFrameworkCore;
using Learn.Core.Organizations;

namespace Learn.Core.Members.Roster;

public enum RosterFileKind
{
    Csv,
    Xlsx,
}

public sealed record RosterDownload(byte[] Content, string ContentType, string FileName, int Count);

/// <summary>
/// Exports the active members in scope in the import format led by 党员编号, so an export edited in Excel updates
/// those members when imported again. Mobiles are masked (138****0000) unless a super admin asks for full numbers;
/// every export is audited, a full-number one under its own action (docs/decisions/0104).
/// </summary>
public sealed class RosterExport(LearnDbContext db, Auditor auditor, PersonalDataProtector protector, TimeProvider clock)
{
    public const string FullMobilesAction = "member.export.mobiles";

    public async Task<Outcome<RosterDownload>> ExportAsync(OrganizerScope scope, RosterFileKind kind, long? organizationId,
        bool fullMobiles = false, CancellationToken ct = default)
    {
        if (fullMobiles && !scope.IsSuperAdmin) return Refusal.Forbidden("只有超级管理员可以导出完整手机号");
        var members = scope.Filter(db.Members.AsNoTracking()).Where(m => m.Status == MemberStatus.Active);
        if (organizationId is { } orgId)
        {
            var path = await scope.Filter(db.Organizations).Where(o => o.Id == orgId).Select(o => o.Path).SingleOrDefaultAsync(ct);
            if (path is null) return Refusal.NotFound("组织不存在");
            members = members.Within(m => m.Organization!.Path, path);
        }
        var list = await members.OrderBy(m => m.Organization!.Path).ThenBy(m => m.Name).ThenBy(m => m.Id).ToListAsync(ct);
        var orgs = await RosterOrganizations.LoadAsync(db, scope, ct);
        var rows = list.Select(m => (IReadOnlyList<object?>)new object?[]
        {
            m.Id.ToString(CultureInfo.InvariantCulture), m.Name, m.Gender.ToChinese(),
            m.MobileCipher is null ? "" : fullMobiles ? protector.Decrypt(m.MobileCipher) : m.MobileMasked,
            orgs.FullName(m.OrganizationId), RosterFormat.FormatDate(m.JoinedPartyOn), RosterFormat.FormatDate(m.FullMemberOn),
            m.Post ?? "", m.IsLeadingCadre ? "是" : "否",
        }).ToList();

        auditor.Record(scope.Actor(), fullMobiles ? FullMobilesAction : "member.export", nameof(Member), null,
            after: new { count = rows.Count, organizationId, kind = kind.ToString(), fullMobiles }, organizationPath: scope.RootPath,
            reason: fullMobiles ? "导出含完整手机号" : null);
        await db.SaveChangesAsync(ct);

        var stamp = ShanghaiToday().ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var format = kind == RosterFileKind.Xlsx ? SpreadsheetFormat.Xlsx : SpreadsheetFormat.Csv;
        // Every cell is text: mobiles must not become 1.38E+10, dates keep the format the import reads.
        var content = SpreadsheetWriter.ToBytes(format, "党员名册", RosterFormat.ExportColumns, rows);
        return new RosterDownload(content, format.ContentType(), $"党员名册-{stamp}{format.Extension()}", rows.Count);
    }

    private DateOnly ShanghaiToday() => Shanghai.Today(clock);
}
