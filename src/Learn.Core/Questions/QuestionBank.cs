using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Learn.Core.Auditing;
using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Questions;

/// <summary>Editing and exporting the bank (organiser side, used by Learn.Admin).</summary>
public sealed class QuestionBank(LearnDbContext db, Auditor auditor, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    internal static QuestionVersion NewVersion(long questionId, int versionNo, QuestionDraft d, DateTime now) => new()
    {
        QuestionId = questionId,
        VersionNo = versionNo,
        Kind = d.Kind,
        Stem = d.Stem,
        OptionsJson = JsonSerializer.Serialize(d.Options, Json),
        AnswerKey = d.AnswerKey,
        Explanation = d.Explanation,
        Difficulty = d.Difficulty,
        Tags = QuestionTags.Join(d.Tags),
        CreatedAt = now,
    };

    /// <summary>Edits a question by adding a version; answers already given keep the version they saw.</summary>
    public async Task<QuestionVersion?> EditAsync(long questionId, QuestionDraft draft, AuditActor actor, CancellationToken ct = default)
    {
        var question = await db.Set<Question>().SingleOrDefaultAsync(q => q.Id == questionId, ct);
        if (question is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var version = NewVersion(question.Id, question.VersionNo + 1, draft, now);
        db.Add(version);
        await db.SaveChangesAsync(ct);
        question.VersionNo = version.VersionNo;
        question.CurrentVersionId = version.Id;
        question.Kind = draft.Kind;
        question.Tags = version.Tags;
        question.Difficulty = draft.Difficulty;
        question.UpdatedAt = now;
        auditor.Record(actor, "question.edit", "question", question.Id, after: new { version = version.VersionNo });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return version;
    }

    public async Task<bool> SetActiveAsync(long questionId, bool active, AuditActor actor, CancellationToken ct = default)
    {
        var question = await db.Set<Question>().SingleOrDefaultAsync(q => q.Id == questionId, ct);
        if (question is null) return false;
        question.IsActive = active;
        question.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        auditor.Record(actor, active ? "question.activate" : "question.deactivate", "question", questionId);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The current version of every question, as rows of the import format.</summary>
    public async Task ExportAsync(Stream target, QuestionFileFormat format, CancellationToken ct = default)
    {
        var versions = await db.Set<QuestionVersion>().AsNoTracking()
            .Where(v => db.Set<Question>().Any(q => q.CurrentVersionId == v.Id))
            .OrderBy(v => v.QuestionId).ToListAsync(ct);
        var rows = versions.Select(v => QuestionDraft.Of(v).ToRow());
        QuestionImportFormat.Write(target, format, rows);
    }
}
