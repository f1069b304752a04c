using System.Globalization;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Organizers;
using Learn.Core.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Contests;

/// <summary>
/// A contest's results from the database (contest_entries, voided ones left out), in the order the
/// final ranking is frozen in: score, less total time, who reached it first, member id. The same rows
/// feed the details page and the CSV/XLSX export. An organiser gets only the participants inside their own
/// subtree, ranked among themselves; a super admin gets everyone (ADR 0801).
/// </summary>
public static class ContestResults
{
    public sealed record Row(int Rank, long MemberId, string Name, string Organization, int Score, int CorrectCount, long TotalMs);

    public static readonly string[] Header = ["名次", "姓名", "所在组织", "得分", "答对题数", "总用时（秒）"];

    public static async Task<List<Row>> ListAsync(LearnDbContext db, OrganizerScope scope, long contestId, int? take, CancellationToken ct)
    {
        var query = from e in scope.Filter(db.Set<ContestEntry>().AsNoTracking(), e => e.OrganizationPath)
                    where e.ContestId == contestId && !e.Voided
                    join m in db.Members on e.MemberId equals m.Id
                    join o in db.Organizations on e.OrganizationId equals o.Id
                    orderby e.Score descending, e.TotalMs, e.ReachedAt == null, e.ReachedAt, e.MemberId
                    select new { e.MemberId, m.Name, Organization = o.Name, e.Score, e.CorrectCount, e.TotalMs };
        var rows = await (take is { } n ? query.Take(n) : query).ToListAsync(ct);
        return rows.Select((r, i) => new Row(i + 1, r.MemberId, r.Name, r.Organization, r.Score, r.CorrectCount, r.TotalMs)).ToList();
    }

    /// <summary>CSV (UTF-8 with a BOM) or XLSX with numeric score and time cells, through the one spreadsheet writer.</summary>
    public static byte[] File(SpreadsheetFormat format, IEnumerable<Row> rows) =>
        SpreadsheetWriter.ToBytes(format, "竞赛成绩", Header, rows.Select(r => (IReadOnlyList<object?>)
            [r.Rank, r.Name, r.Organization, r.Score, r.CorrectCount, Math.Round(r.TotalMs / 1000.0, 1)]));
}
