using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Core.Study;

public enum ReadingOutcome
{
    /// <summary>No such article for this member.</summary>
    NotFound,
    /// <summary>Finish without a start.</summary>
    NotStarted,
    /// <summary>Started; or finished too soon, which earns nothing (the reading stays open).</summary>
    InProgress,
    /// <summary>Read long enough; points awarded once (a repeated finish reports the same points).</summary>
    Completed,
}

public sealed record ReadingResult(ReadingOutcome Outcome, int MinReadingSeconds = 0, int ElapsedSeconds = 0,
    int PointsAwarded = 0, bool NewlyCompleted = false, bool Capped = false)
{
    public int RemainingSeconds => Math.Max(0, MinReadingSeconds - ElapsedSeconds);
}

/// <summary>
/// Reading measured on the server: start records the time, finish compares the time since then
/// with the article's minimum. The client's own clock is never trusted.
/// </summary>
public sealed class ArticleReadings(LearnDbContext db, MemberArticles articles, StudyPoints points, TimeProvider clock, IOptions<StudyOptions> options)
{
    public async Task<ReadingResult> StartAsync(long memberId, long articleId, CancellationToken ct = default)
    {
        var article = await FindAsync(memberId, articleId, ct);
        if (article is null) return new ReadingResult(ReadingOutcome.NotFound);
        var now = clock.GetUtcNow().UtcDateTime;
        var reading = await db.Set<ArticleReading>().FirstOrDefaultAsync(r => r.MemberId == memberId && r.ArticleId == articleId, ct);
        if (reading?.CompletedAt is not null) return Completed(article.MinReadingSeconds, reading, newly: false, capped: false);
        if (reading is null) db.Add(new ArticleReading { MemberId = memberId, ArticleId = articleId, StartedAt = now });
        else reading.StartedAt = now; // a new start opens a new reading session: time is measured from here
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent start inserted the row first; its start time is as good as ours.
            db.ChangeTracker.Clear();
        }
        return new ReadingResult(ReadingOutcome.InProgress, article.MinReadingSeconds);
    }

    public async Task<ReadingResult> FinishAsync(long memberId, long articleId, CancellationToken ct = default)
    {
        var article = await FindAsync(memberId, articleId, ct);
        if (article is null) return new ReadingResult(ReadingOutcome.NotFound);
        var reading = await db.Set<ArticleReading>().FirstOrDefaultAsync(r => r.MemberId == memberId && r.ArticleId == articleId, ct);
        if (reading is null) return new ReadingResult(ReadingOutcome.NotStarted, article.MinReadingSeconds);
        if (reading.CompletedAt is not null) return Completed(article.MinReadingSeconds, reading, newly: false, capped: false);

        var now = clock.GetUtcNow().UtcDateTime;
        var elapsed = (int)Math.Floor((now - reading.StartedAt).TotalSeconds);
        if (elapsed < article.MinReadingSeconds)
            return new ReadingResult(ReadingOutcome.InProgress, article.MinReadingSeconds, Math.Max(0, elapsed));

        // The award is idempotent on its key, so a finish retried (or racing) after this point
        // finds the same ledger entry instead of a second one.
        var award = await points.AwardAsync(memberId, StudyPointKind.Reading, $"reading:article:{articleId}",
            options.Value.ReadingPoints, $"阅读《{article.Title}》", ct);
        reading.CompletedAt = now;
        reading.PointsAwarded = award.Points;
        await db.SaveChangesAsync(ct);
        return new ReadingResult(ReadingOutcome.Completed, article.MinReadingSeconds, elapsed, award.Points, !award.AlreadyAwarded, award.Capped);
    }

    private static ReadingResult Completed(int min, ArticleReading r, bool newly, bool capped) =>
        new(ReadingOutcome.Completed, min, (int)(r.CompletedAt!.Value - r.StartedAt).TotalSeconds, r.PointsAwarded, newly, capped);

    private async Task<ArticleHeadline?> FindAsync(long memberId, long articleId, CancellationToken ct)
    {
        var path = await articles.OrganizationPathOfAsync(memberId, ct);
        return path is null ? null : await TodayArticles.Headlines(articles.VisibleTo(path).Where(a => a.Id == articleId)).FirstOrDefaultAsync(ct);
    }
}
