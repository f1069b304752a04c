using Learn.Core.Data;
using Learn.Core.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Core.Study.Practice;

/// <summary>
/// 每日答题 (ADR 0202): one practice per member and Asia/Shanghai day, drawn on first look; each answer is graded
/// on the server, shows the key and explanation, and a correct one earns Quiz points within the daily cap.
/// The first answer counts and earns once: a retried request finds the stored answer and the same ledger entry.
/// </summary>
public sealed class DailyPractice(LearnDbContext db, StudyPoints points, TimeProvider clock, IOptions<StudyOptions> options)
{
    private PracticeOptions Settings => options.Value.Practice;

    public async Task<PracticeView> TodayAsync(long memberId, CancellationToken ct = default)
    {
        var day = Shanghai.Today(clock);
        var session = await FindAsync(memberId, day, ct) ?? await DrawAsync(memberId, day, ct);
        List<PracticeQuestionView> items = session is null ? [] : await ItemsAsync(session.Id, null, ct);
        return new PracticeView(day, items, Settings.PointsPerCorrect, await QuizTodayAsync(memberId, day, ct), options.Value.DailyCaps.Quiz);
    }

    public async Task<PracticeAnswerResult> AnswerAsync(long memberId, int seq, string response, CancellationToken ct = default)
    {
        var day = Shanghai.Today(clock);
        var session = await FindAsync(memberId, day, ct);
        var row = session is null ? null : await (from i in db.Set<PracticeItem>().AsNoTracking()
                                                  where i.SessionId == session.Id && i.Seq == seq
                                                  join v in db.Set<QuestionVersion>() on i.QuestionVersionId equals v.Id
                                                  select new { i.Id, i.Response, v.Kind, v.AnswerKey, v.OptionsJson }).FirstOrDefaultAsync(ct);
        if (session is null || row is null) return new PracticeAnswerResult(PracticeAnswerOutcome.NotFound);

        var newly = false;
        if (row.Response is null)
        {
            if (!PracticeResponses.IsPossible(row.Kind, QuestionOptionCount(row.OptionsJson), response))
                return new PracticeAnswerResult(PracticeAnswerOutcome.InvalidResponse);
            var correct = AnswerKeys.IsCorrect(row.Kind, row.AnswerKey, response);
            var now = clock.GetUtcNow().UtcDateTime;
            var stored = response.Trim() is { Length: > 200 } long_ ? long_[..200] : response.Trim();
            // Conditional on "not answered yet": of two racing answers exactly one is written, and both end on it.
            newly = await db.Set<PracticeItem>().Where(i => i.Id == row.Id && i.Response == null)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.Response, stored).SetProperty(i => i.Correct, (bool?)correct)
                    .SetProperty(i => i.AnsweredAt, (DateTime?)now).SetProperty(i => i.PointsAwarded, correct ? null : (int?)0), ct) == 1;
        }

        var capped = await AwardIfDueAsync(memberId, day, row.Id, seq, ct);
        var view = (await ItemsAsync(session.Id, seq, ct)).Single();
        return new PracticeAnswerResult(PracticeAnswerOutcome.Answered, view, newly, capped);
    }

    /// <summary>
    /// A correct answer whose points are not recorded yet gets its award. The ledger key is per practice day and
    /// question, so a crash between the answer and this step (or a retry) is finished by the next request, once.
    /// </summary>
    private async Task<bool> AwardIfDueAsync(long memberId, DateOnly day, long itemId, int seq, CancellationToken ct)
    {
        var due = await db.Set<PracticeItem>().AnyAsync(i => i.Id == itemId && i.Correct == true && i.PointsAwarded == null, ct);
        if (!due) return false;
        var award = await points.AwardAsync(memberId, StudyPointKind.Quiz, $"practice:{day:yyyyMMdd}:{seq}",
            Settings.PointsPerCorrect, $"每日答题（{day:M月d日}第{seq}题）", ct);
        await db.Set<PracticeItem>().Where(i => i.Id == itemId && i.PointsAwarded == null)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.PointsAwarded, (int?)award.Points), ct);
        return award.Capped;
    }

    private Task<PracticeSession?> FindAsync(long memberId, DateOnly day, CancellationToken ct) =>
        db.Set<PracticeSession>().AsNoTracking().FirstOrDefaultAsync(s => s.MemberId == memberId && s.Day == day, ct);

    /// <summary>Draws and stores today's questions; null when the bank has none in the configured categories.</summary>
    private async Task<PracticeSession?> DrawAsync(long memberId, DateOnly day, CancellationToken ct)
    {
        var versions = await PracticeDraw.VersionIdsAsync(db, memberId, day, Settings.QuestionCount, Settings.Categories, ct);
        if (versions.Count == 0) return null;
        var session = new PracticeSession { MemberId = memberId, Day = day, CreatedAt = clock.GetUtcNow().UtcDateTime };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.Add(session);
            await db.SaveChangesAsync(ct);
            db.AddRange(versions.Select((v, i) => new PracticeItem { SessionId = session.Id, Seq = i + 1, QuestionVersionId = v }));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return session;
        }
        catch (DbUpdateException)
        {
            // The member's other request drew today's practice first: show that one.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await FindAsync(memberId, day, ct);
        }
    }

    private async Task<List<PracticeQuestionView>> ItemsAsync(long sessionId, int? seq, CancellationToken ct)
    {
        var rows = await (from i in db.Set<PracticeItem>().AsNoTracking()
                          where i.SessionId == sessionId && (seq == null || i.Seq == seq)
                          join v in db.Set<QuestionVersion>() on i.QuestionVersionId equals v.Id
                          orderby i.Seq
                          select new { Item = i, Version = v }).ToListAsync(ct);
        return rows.Select(r => new PracticeQuestionView(r.Item.Seq, r.Version.Kind, r.Version.Stem, r.Version.Options,
            r.Item.Response is null ? null
                : new PracticeAnswerView(r.Item.Response, r.Item.Correct == true, r.Version.AnswerKey, r.Version.Explanation, r.Item.PointsAwarded ?? 0)))
            .ToList();
    }

    private Task<int> QuizTodayAsync(long memberId, DateOnly day, CancellationToken ct) =>
        db.Set<StudyPointEntry>().Where(e => e.MemberId == memberId && e.Day == day && e.Kind == StudyPointKind.Quiz).SumAsync(e => e.Points, ct);

    private static int QuestionOptionCount(string optionsJson) => System.Text.Json.JsonSerializer.Deserialize<string[]>(optionsJson)?.Length ?? 0;
}

/// <summary>Whether a response could be an answer at all (a wrong answer is fine; a letter past the last option is not).</summary>
internal static class PracticeResponses
{
    public static bool IsPossible(QuestionKind kind, int optionCount, string response) => kind switch
    {
        QuestionKind.Single => AnswerKeys.NormaliseLetters(response) is { Length: 1 } l && l[0] - 'A' < optionCount,
        QuestionKind.Multiple => AnswerKeys.NormaliseLetters(response) is { Length: > 0 } l && l.All(c => c - 'A' < optionCount),
        QuestionKind.TrueFalse => AnswerKeys.NormaliseTrueFalse(response) is not null,
        _ => response.Trim().Length is > 0 and <= 200,
    };
}
