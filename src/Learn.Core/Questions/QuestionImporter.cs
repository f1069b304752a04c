using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Questions;

public enum QuestionFileFormat
{
    Csv,
    Xlsx,
}

/// <summary>What an import found (and, unless a dry run or any row was bad, wrote).</summary>
public sealed record QuestionImportReport(int Rows, int ValidRows, IReadOnlyList<ImportError> Errors, bool Committed)
{
    public bool HasErrors => Errors.Count > 0;
}

/// <summary>
/// Imports a question file: every row is checked first and reported in Chinese by row and column;
/// only a file with no bad row is written, all of it in one transaction (never half a file).
/// </summary>
public sealed class QuestionImporter(LearnDbContext db, Auditor auditor, TimeProvider clock)
{
    public async Task<QuestionImportReport> ImportAsync(Stream file, QuestionFileFormat format, bool dryRun,
        AuditActor actor, CancellationToken ct = default)
    {
        var errors = new List<ImportError>();
        List<QuestionRow> rows;
        try
        {
            rows = QuestionImportFormat.Read(file, format, ct);
        }
        catch (SpreadsheetRejectedException e)
        {
            return new QuestionImportReport(0, 0, [new ImportError(0, "", e.Message)], false);
        }
        if (rows.Count == 0 || !HeaderMatches(rows[0]))
            return new QuestionImportReport(0, 0, [new ImportError(1, "", "表头应为：" + string.Join(",", QuestionImportFormat.Header))], false);

        var data = rows.Skip(1).Where(r => r.Cells.Any(c => c.Trim().Length > 0)).ToList();
        var drafts = new List<QuestionDraft>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in data)
        {
            if (QuestionDraft.Parse(row, errors) is not { } draft) continue;
            if (seen.TryGetValue(draft.Stem, out var first))
                errors.Add(new ImportError(row.RowNumber, "题干", $"与第 {first} 行题干重复"));
            else
            {
                seen[draft.Stem] = row.RowNumber;
                drafts.Add(draft);
            }
        }
        var stems = seen.Keys.ToList();
        var existing = await db.Set<QuestionVersion>().AsNoTracking()
            .Where(v => stems.Contains(v.Stem) && db.Set<Question>().Any(q => q.CurrentVersionId == v.Id))
            .Select(v => v.Stem).ToListAsync(ct);
        foreach (var stem in existing)
            errors.Add(new ImportError(seen[stem], "题干", "题库中已有相同题干的题目"));

        var valid = data.Count - errors.Select(e => e.Row).Distinct().Count();
        var ordered = errors.OrderBy(e => e.Row).ToList();
        if (dryRun || ordered.Count > 0) return new QuestionImportReport(data.Count, valid, ordered, false);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await AddAsync(drafts, ct);
        auditor.Record(actor, "question.import", "question", null, after: new { count = drafts.Count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new QuestionImportReport(data.Count, data.Count, [], true);
    }

    /// <summary>Adds questions with their first version (caller saves and owns the transaction).</summary>
    internal async Task AddAsync(IReadOnlyList<QuestionDraft> drafts, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var questions = drafts.Select(d => new Question
        {
            Kind = d.Kind, Tags = QuestionTags.Join(d.Tags), Difficulty = d.Difficulty, VersionNo = 1, CreatedAt = now, UpdatedAt = now,
        }).ToList();
        db.AddRange(questions);
        await db.SaveChangesAsync(ct);
        var versions = drafts.Select((d, i) => QuestionBank.NewVersion(questions[i].Id, 1, d, now)).ToList();
        db.AddRange(versions);
        await db.SaveChangesAsync(ct);
        for (var i = 0; i < questions.Count; i++) questions[i].CurrentVersionId = versions[i].Id;
    }

    private static bool HeaderMatches(QuestionRow header) =>
        header.Cells.Count >= QuestionImportFormat.Header.Length
        && QuestionImportFormat.Header.Select((h, i) => header.Cells[i].Trim().TrimStart('\uFEFF') == h).All(ok => ok);
}
