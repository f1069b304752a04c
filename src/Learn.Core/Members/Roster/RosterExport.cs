using System.Globalization;
using System.Text;
using CsvHelper;
using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Organizers;
using Learn.Core.Security;
using Microsoft.EntityFrameworkCore;
using NPOI.XSSF.UserModel;
using Learn.Core.Organizations;

namespace Learn.Core.Members.Roster;

public enum RosterFileKind
{
    Csv,
    Xlsx,
}

public sealed record RosterDownload(byte[] Content, string ContentType, string FileName, int Count);

/// <summary>
/// Exports the active members in scope in the import format, so an export can be edited in Excel
/// and imported elsewhere. It carries clear mobiles for the organiser entitled to them, and is audited.
/// </summary>
public sealed class RosterExport(LearnDbContext db, Auditor auditor, PersonalDataProtector protector, TimeProvider clock)
{
    public async Task<Outcome<RosterDownload>> ExportAsync(OrganizerScope scope, RosterFileKind kind, long? organizationId, CancellationToken ct = default)
    {
        var members = scope.Filter(db.Members.AsNoTracking()).Where(m => m.Status == MemberStatus.Active);
        if (organizationId is { } orgId)
        {
            var path = await scope.Filter(db.Organizations).Where(o => o.Id == orgId).Select(o => o.Path).SingleOrDefaultAsync(ct);
            if (path is null) return Refusal.NotFound("组织不存在");
            members = members.Within(m => m.Organization!.Path, path);
        }
        var list = await members.OrderBy(m => m.Organization!.Path).ThenBy(m => m.Name).ThenBy(m => m.Id).ToListAsync(ct);
        var orgs = await RosterOrganizations.LoadAsync(db, scope, ct);
        var rows = list.Select(m => new[]
        {
            m.Name, m.Gender.ToChinese(), m.MobileCipher is null ? "" : protector.Decrypt(m.MobileCipher),
            orgs.FullName(m.OrganizationId), RosterFormat.FormatDate(m.JoinedPartyOn), RosterFormat.FormatDate(m.FullMemberOn),
            m.Post ?? "", m.IsLeadingCadre ? "是" : "否",
        }).ToList();

        auditor.Record(scope.Actor(), "member.export", nameof(Member), null, after: new { count = rows.Count, organizationId, kind = kind.ToString() },
            organizationPath: scope.RootPath);
        await db.SaveChangesAsync(ct);

        var stamp = ShanghaiToday().ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return kind == RosterFileKind.Xlsx
            ? new RosterDownload(Xlsx(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"党员名册-{stamp}.xlsx", rows.Count)
            : new RosterDownload(Csv(rows), "text/csv; charset=utf-8", $"党员名册-{stamp}.csv", rows.Count);
    }

    private DateOnly ShanghaiToday() => Shanghai.Today(clock);

    /// <summary>UTF-8 with a BOM: without it Excel on Windows reads the Chinese as GBK garbage.</summary>
    private static byte[] Csv(List<string[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(true)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var column in RosterFormat.Columns) csv.WriteField(column);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var value in row) csv.WriteField(value);
                csv.NextRecord();
            }
        }
        return buffer.ToArray();
    }

    private static byte[] Xlsx(List<string[]> rows)
    {
        var workbook = new XSSFWorkbook();
        var sheet = workbook.CreateSheet("党员名册");
        WriteRow(sheet.CreateRow(0), RosterFormat.Columns);
        for (var i = 0; i < rows.Count; i++) WriteRow(sheet.CreateRow(i + 1), rows[i]);
        var buffer = new MemoryStream();
        workbook.Write(buffer); // NPOI closes the stream; ToArray still works on a closed MemoryStream
        return buffer.ToArray();
    }

    // Every cell is text: mobiles must not become 1.38E+10, dates keep the format the import reads.
    private static void WriteRow(NPOI.SS.UserModel.IRow row, IReadOnlyList<string> values)
    {
        for (var c = 0; c < values.Count; c++) row.CreateCell(c).SetCellValue(values[c]);
    }
}
