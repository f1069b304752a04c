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

/// <summary>What the import did with one row, or in a dry run would do: <see cref="RosterActions"/>.</summary>
public sealed record RosterRowResult(int Row, string Action, long? MemberNumber, string Name);

/// <summary>
/// <paramref name="Imported"/> = rows written (created + updated; 0 in a dry run); the three counts say what each
/// good row does, in a dry run too. <paramref name="Rows"/> is empty while there are errors.
/// </summary>
public sealed record RosterImportResult(bool DryRun, int Total, int Imported, int Created, int Updated, int Unchanged,
    IReadOnlyList<RosterRowResult> Rows, IReadOnlyList<RosterRowError> Errors, long ElapsedMilliseconds);

/// <summary>The per-row result words, shown as they are on the import page.</summary>
public static class RosterActions
{
    public const string Created = "新建";
    public const string Updated = "更新";
    public const string Unchanged = "无变化";
}

/// <summary>
/// Imports a roster file: new members are added, members already on the roster (by 党员编号 or mobile, inside the
/// organiser's scope: <see cref="RosterMatcher"/>) are updated. Every row is checked first (a dry run stops there and
/// reports every bad row and what each good row would do); an import with any bad row writes nothing; a good file
/// goes in with one SaveChanges in one transaction. Lookups are loaded once, never per row, so 5,000 rows take seconds.
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
            return Complete(dryRun, table.Rows.Count, [], missing.Select(c => new RosterRowError(1, c, "缺少该列（表头应为：" + string.Join(",", RosterFormat.Columns) + "）")).ToList(), watch);

        var orgs = await RosterOrganizations.LoadAsync(db, scope, ct);
        var today = Shanghai.Today(clock);
        var errors = new List<RosterRowError>();
        var rows = new List<RosterRow>(table.Rows.Count);
        foreach (var cells in table.Rows)
        {
            var row = RosterRowParser.Parse(cells.Number, name => columns.TryGetValue(name, out var i) ? cells[i].Trim() : "", orgs, today, errors);
            if (row is not null) rows.Add(row);
        }
        var matches = await new RosterMatcher(db, protector).MatchAsync(scope, rows, errors, ct);
        if (dryRun || errors.Count > 0) return Complete(dryRun, table.Rows.Count, matches, errors, watch);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var match in matches.Where(m => m.Changed)) Apply(scope, match, fileName);
        auditor.Record(scope.Actor(), "member.import", nameof(Member), null, organizationPath: scope.RootPath, after: new
        {
            fileName, count = matches.Count,
            created = matches.Count(m => m.Existing is null), updated = matches.Count(m => m.Existing is not null && m.Changed),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Complete(false, table.Rows.Count, matches, errors, watch);
    }

    private void Apply(OrganizerScope scope, RosterRowMatch match, string? fileName)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var source = match.Row.Member;
        var member = match.Existing ?? source;
        var before = match.Existing is null ? null : MemberSnapshot.Of(member);
        if (match.Existing is null)
        {
            member.CreatedAt = now;
            db.Members.Add(member);
        }
        else MemberFields.CopyEditable(source, member);
        member.UpdatedAt = now;
        if (match.NewMobile)
        {
            protector.StoreMobile(member, match.Row.Mobile!);
            if (match.HoldMobile) MobileDuplicates.Hold(auditor, scope, member);
        }
        // Each updated member's own entry (before → after), like an edit on the member's page; new members are in the import's.
        if (before is not null)
            auditor.Record(scope.Actor(), "member.edit", nameof(Member), member.Id, before, MemberSnapshot.Of(member),
                member.Organization!.Path, $"名册导入（{fileName}）");
    }

    private static RosterImportResult Complete(bool dryRun, int total, List<RosterRowMatch> matches, List<RosterRowError> errors, Stopwatch watch)
    {
        var rows = errors.Count > 0 ? [] : matches.Select(m => new RosterRowResult(m.Row.Row,
            m.Existing is null ? RosterActions.Created : m.Changed ? RosterActions.Updated : RosterActions.Unchanged,
            m.Existing?.Id ?? (m.Row.Member.Id == 0 ? null : m.Row.Member.Id), m.Row.Member.Name)).ToList();
        return new RosterImportResult(dryRun, total, dryRun ? 0 : rows.Count(r => r.Action != RosterActions.Unchanged),
            rows.Count(r => r.Action == RosterActions.Created), rows.Count(r => r.Action == RosterActions.Updated),
            rows.Count(r => r.Action == RosterActions.Unchanged), rows, errors.OrderBy(e => e.Row).ToList(), watch.ElapsedMilliseconds);
    }
}
