using Learn.Admin.Hosting;
using Learn.Core.Auditing;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Questions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Contests;

/// <summary>
/// 直播竞答主持台: open the next question for everyone, close it, reveal the answer (<see cref="LiveHost"/>
/// publishes each step to every API instance). The host sees the key; members see it only on reveal.
/// </summary>
public sealed class LiveModel(LearnDbContext db, LiveHost host, Auditor auditor, TimeProvider clock) : AdminPageModel
{
    public sealed record RoundView(LiveRound Round, QuestionVersion Question, int Answers, int Correct);

    public Contest Contest { get; private set; } = null!;
    public IReadOnlyList<RoundView> Rounds { get; private set; } = [];
    public DateTime Now { get; private set; }
    public RoundView? Current => Rounds.FirstOrDefault();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public Task<IActionResult> OnPostOpenAsync(long id, CancellationToken ct) =>
        ActAsync(id, "contest.live.open", async () => (await host.OpenQuestionAsync(Scope.PathPrefix(), id, ct: ct)).Outcome, null, ct);

    public Task<IActionResult> OnPostCloseAsync(long id, int seq, CancellationToken ct) =>
        ActAsync(id, "contest.live.close", () => host.CloseQuestionAsync(Scope.PathPrefix(), id, seq, ct), seq, ct);

    public Task<IActionResult> OnPostRevealAsync(long id, int seq, CancellationToken ct) =>
        ActAsync(id, "contest.live.reveal", () => host.RevealAsync(Scope.PathPrefix(), id, seq, ct), seq, ct);

    private async Task<IActionResult> ActAsync(long id, string action, Func<Task<LiveHost.Outcome>> act, int? seq, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        var outcome = await act();
        if (outcome == LiveHost.Outcome.NotFound) return NotFound();
        if (outcome != LiveHost.Outcome.Done)
        {
            ModelState.AddModelError("", Message(outcome));
            return Page();
        }
        auditor.Record(Scope.Actor(), action, "contest", id, after: seq is null ? null : new { seq }, organizationPath: Contest.OrganizationPath);
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { id });
    }

    private static string Message(LiveHost.Outcome outcome) => outcome switch
    {
        LiveHost.Outcome.NotLive => "该竞赛不是直播竞答",
        LiveHost.Outcome.NotOpen => "竞赛不在进行时间内",
        LiveHost.Outcome.QuestionStillOpen => "上一题仍在作答中，请先结束本题",
        LiveHost.Outcome.NoQuestionLeft => "题库中已没有可出的题目",
        LiveHost.Outcome.NotClosedYet => "本题结束后才能公布答案",
        _ => "操作未完成",
    };

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        var contest = await Scope.Filter(db.Set<Contest>().AsNoTracking(), c => c.OrganizationPath).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (contest is null || contest.Mode != ContestMode.Live) return NotFound();
        Contest = contest;
        var rounds = await db.Set<LiveRound>().AsNoTracking().Where(r => r.ContestId == id).OrderByDescending(r => r.Seq).ToListAsync(ct);
        var versionIds = rounds.Select(r => r.QuestionVersionId).ToList();
        var versions = await db.Set<QuestionVersion>().AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        var counts = await db.Set<ContestAnswer>().AsNoTracking().Where(a => a.ContestId == id)
            .GroupBy(a => a.Seq).Select(g => new { Seq = g.Key, Count = g.Count(), Correct = g.Count(a => a.IsCorrect) })
            .ToDictionaryAsync(g => g.Seq, ct);
        Rounds = rounds.Select(r => new RoundView(r, versions[r.QuestionVersionId],
            counts.GetValueOrDefault(r.Seq)?.Count ?? 0, counts.GetValueOrDefault(r.Seq)?.Correct ?? 0)).ToList();
        return null;
    }
}
