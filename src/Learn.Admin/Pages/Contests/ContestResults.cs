using System.Globalization;
using System.Text;
using CsvHelper;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Organizers;
using Microsoft.EntityFrameworkCore;
using NPOI.XSSF.UserModel;

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

    public static string[] Cells(Row r) =>
    [
        r.Rank.ToString(CultureInfo.InvariantCulture), r.Name, r.Organization, r.Score.ToString(CultureInfo.InvariantCulture),
        r.CorrectCount.ToString(CultureInfo.InvariantCulture), (r.TotalMs / 1000.0).ToString("0.0", CultureInfo.InvariantCulture),
    ];

    /// <summary>UTF-8 with a BOM, so Excel on Windows opens the Chinese correctly.</summary>
    public static byte[] Csv(IEnumerable<Row> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(true)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var h in Header) csv.WriteField(h);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in Cells(row)) csv.WriteField(cell);
                csv.NextRecord();
            }
        }
        return buffer.ToArray();
    }

    public static byte[] Xlsx(IEnumerable<Row> rows)
    {
        var workbook = new XSSFWorkbook();
        var sheet = workbook.CreateSheet("竞赛成绩");
        var header = sheet.CreateRow(0);
        for (var c = 0; c < Header.Length; c++) header.CreateCell(c).SetCellValue(Header[c]);
        var i = 1;
        foreach (var row in rows)
        {
            var line = sheet.CreateRow(i++);
            line.CreateCell(0).SetCellValue(row.Rank);
            line.CreateCell(1).SetCellValue(row.Name);
            line.CreateCell(2).SetCellValue(row.Organization);
            line.CreateCell(3).SetCellValue(row.Score);
            line.CreateCell(4).SetCellValue(row.CorrectCount);
            line.CreateCell(5).SetCellValue(Math.Round(row.TotalMs / 1000.0, 1));
        }
        var buffer = new MemoryStream();
        workbook.Write(buffer);
        return buffer.ToArray();
    }
}
