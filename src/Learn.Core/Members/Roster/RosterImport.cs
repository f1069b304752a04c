using System.Diagnostics;
using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Learn.Core.Security;
using Learn.Core.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Members.Roster;

public sealed record RosterRowError(int Row, string Column, string Reason);

public sealed record RosterImportResult(bool DryRun, int Total, int Imported, IReadOnlyList<RosterRowError> Errors, long ElapsedMilliseconds);

/// <summary>
/// Imports a roster file. Every row is checked first (a dry run stops there and reports every
/// bad row); an import with any bad row imports nothing; a good file goes in with one AddRange,
/// one SaveChanges and one transaction. Lookups (organisations, existing mobiles) are loaded once,
/// never per row, so 5,000 rows take seconds.
/// </summary>
public sealed class RosterImport(LearnDbContext db, Auditor auditor, PersonalDataProtector protector, TimeProvider clock)
{
    public async Task<Outcome<RosterImportResult>> ImportAsync(OrganizerScope scope, byte[] file, string? fileName, bool dryRun, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        if (file.Length == 0) return Refusal.Invalid("file", "请上传名册文件");
        if (file.Length > RosterFormat.MaxBytes) return SpreadsheetRefusal.FileTooLarge(RosterFormat.MaxBytes);
        RosterTable table;
        try
        {
            table = RosterFile.Read(file, ct);
        }
        catch (SpreadsheetRejectedException e)
        {
            return SpreadsheetRefusal.From(e);
        }

        var columns = table.Header.Select((h, i) => (Name: h.Trim(), Index: i)).Where(c => c.Name.Length > 0)
            .GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First().Index);
        var missing = RosterFormat.RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            return Complete(dryRun, table.Rows.Count, 0, missing.Select(c => new RosterRowError(1, c, "缺少该列（表头应为：" + string.Join(",", RosterFormat.Columns) + "）")).ToList(), watch);

        var orgs = await RosterOrganizations.LoadAsync(db, scope, ct);
        var today = Shanghai.Today(clock);
        var errors = new List<RosterRowError>();
        var parsed = new List<(int Row, Member Member, string? Mobile)>(table.Rows.Count);
        foreach (var cells in table.Rows)
        {
            var row = cells.Number;
            var rowErrors = errors.Count;
            var member = RosterRowParser.Parse(row, name => columns.TryGetValue(name, out var i) ? cells[i].Trim() : "",
                orgs, today, errors, out var mobile);
            if (errors.Count == rowErrors) parsed.Add((row, member!, mobile));
        }
        CheckMobiles(parsed, errors);
        var held = await CheckMobilesOnRosterAsync(scope, parsed, errors, ct);
        if (dryRun || errors.Count > 0) return Complete(dryRun, table.Rows.Count, 0, errors, watch);

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (_, member, mobile) in parsed)
        {
            member.CreatedAt = member.UpdatedAt = now;
            if (mobile is null) continue;
            member.MobileCipher = protector.Encrypt(mobile);
            member.MobileMasked = Mobile.Mask(mobile);
            if (held.Contains(member.MobileHash!)) MobileDuplicates.Hold(auditor, scope, member);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Members.AddRange(parsed.Select(p => p.Member));
        auditor.Record(scope.Actor(), "member.import", nameof(Member), null,
            after: new { fileName, count = parsed.Count }, organizationPath: scope.RootPath);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Complete(false, table.Rows.Count, parsed.Count, errors, watch);
    }

    private void CheckMobiles(List<(int Row, Member Member, string? Mobile)> parsed, List<RosterRowError> errors)
    {
        var firstRow = new Dictionary<string, int>();
        foreach (var (row, member, mobile) in parsed)
        {
            if (mobile is null) continue;
            member.MobileHash = protector.LookupHash(mobile);
            if (firstRow.TryGetValue(member.MobileHash, out var first))
                errors.Add(new RosterRowError(row, RosterFormat.Mobile, $"与第{first}行的手机号重复"));
            else firstRow[member.MobileHash] = row;
        }
    }

    /// <summary>Rows whose number a member in scope has are errors; the hashes held only elsewhere are returned, to hold (<see cref="MobileDuplicates"/>).</summary>
    private async Task<HashSet<string>> CheckMobilesOnRosterAsync(OrganizerScope scope, List<(int Row, Member Member, string? Mobile)> parsed,
        List<RosterRowError> errors, CancellationToken ct)
    {
        var hashes = parsed.Where(p => p.Member.MobileHash is not null).Select(p => p.Member.MobileHash!).Distinct().ToList();
        var (taken, elsewhere) = await MobileDuplicates.FindAsync(db, scope, hashes, 0, ct);
        errors.AddRange(parsed.Where(p => p.Member.MobileHash is { } h && taken.Contains(h))
            .Select(p => new RosterRowError(p.Row, RosterFormat.Mobile, "该手机号已登记在您管理的名册中")));
        return elsewhere;
    }

    private static RosterImportResult Complete(bool dryRun, int total, int imported, List<RosterRowError> errors, Stopwatch watch) =>
        new(dryRun, total, imported, errors.OrderBy(e => e.Row).ToList(), watch.ElapsedMilliseconds);
}
