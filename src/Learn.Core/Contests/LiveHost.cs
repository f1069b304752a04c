using System.Text.Json;
using Learn.Core.Contests.Boards;
using Learn.Core.Data;
using Learn.Core.Questions;
using Learn.Core.Redis;
using Microsoft.EntityFrameworkCore;
using Learn.Core.Organizations;

namespace Learn.Core.Contests;

/// <summary>A live-round event as published on Redis pub/sub and relayed to members by every API instance.</summary>
public sealed record LiveEvent(string Type, int Seq, DateTime? ClosesAt);

/// <summary>
/// The host's controls for 直播竞答 (used by Learn.Admin): open a question for everyone, close it,
/// reveal the answer. State lives in live_rounds; each step is published so members connected to
/// any API instance hear it at once.
/// </summary>
public sealed class LiveHost(LearnDbContext db, TimeProvider clock, ContestCaches caches, RedisStore redis)
{
    public enum Outcome { Done, NotFound, NotLive, NotOpen, QuestionStillOpen, NoQuestionLeft, NotClosedYet }

    public async Task<(Outcome Outcome, LiveRound? Round)> OpenQuestionAsync(string scopePath, long contestId,
        long? questionVersionId = null, int? seconds = null, CancellationToken ct = default)
    {
        var (outcome, contest) = await FindAsync(scopePath, contestId, ct);
        if (outcome != Outcome.Done) return (outcome, null);
        var now = clock.GetUtcNow().UtcDateTime;
        if (!contest!.IsOpenAt(now)) return (Outcome.NotOpen, null);
        var rounds = await db.Set<LiveRound>().Where(r => r.ContestId == contestId).ToListAsync(ct);
        if (rounds.Any(r => r.EffectiveClose > now)) return (Outcome.QuestionStillOpen, null);
        if (questionVersionId is null)
        {
            var usedVersions = rounds.Select(r => r.QuestionVersionId).ToList();
            var used = await db.Set<QuestionVersion>().Where(v => usedVersions.Contains(v.Id)).Select(v => v.QuestionId).ToListAsync(ct);
            questionVersionId = QuestionDraw.Next(await caches.PoolAsync(ct), contest, used);
            if (questionVersionId is null) return (Outcome.NoQuestionLeft, null);
        }
        var round = new LiveRound
        {
            ContestId = contestId,
            Seq = rounds.Count == 0 ? 1 : rounds.Max(r => r.Seq) + 1,
            QuestionVersionId = questionVersionId.Value,
            OpenedAt = now,
            ClosesAt = now.AddSeconds(seconds ?? contest.SecondsPerQuestion),
        };
        db.Add(round);
        await db.SaveChangesAsync(ct);
        await PublishAsync(contestId, new LiveEvent("open", round.Seq, round.ClosesAt));
        return (Outcome.Done, round);
    }

    public async Task<Outcome> CloseQuestionAsync(string scopePath, long contestId, int seq, CancellationToken ct = default)
    {
        var (outcome, round) = await RoundAsync(scopePath, contestId, seq, ct);
        if (outcome != Outcome.Done) return outcome;
        var now = clock.GetUtcNow().UtcDateTime;
        round!.ClosedAt ??= now < round.ClosesAt ? now : round.ClosesAt;
        await db.SaveChangesAsync(ct);
        await PublishAsync(contestId, new LiveEvent("close", seq, round.EffectiveClose));
        return Outcome.Done;
    }

    /// <summary>Shows the key to everyone; only after the question has closed.</summary>
    public async Task<Outcome> RevealAsync(string scopePath, long contestId, int seq, CancellationToken ct = default)
    {
        var (outcome, round) = await RoundAsync(scopePath, contestId, seq, ct);
        if (outcome != Outcome.Done) return outcome;
        var now = clock.GetUtcNow().UtcDateTime;
        if (round!.EffectiveClose > now) return Outcome.NotClosedYet;
        round.RevealedAt ??= now;
        await db.SaveChangesAsync(ct);
        await PublishAsync(contestId, new LiveEvent("reveal", seq, round.EffectiveClose));
        return Outcome.Done;
    }

    private Task PublishAsync(long contestId, LiveEvent e) =>
        redis.Subscriber.PublishAsync(redis.Channel(BoardKeys.LiveChannel(contestId)), JsonSerializer.Serialize(e));

    private async Task<(Outcome, Contest?)> FindAsync(string scopePath, long contestId, CancellationToken ct)
    {
        var contest = await db.Set<Contest>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == contestId, ct);
        if (contest is null || !Subtree.Contains(scopePath, contest.OrganizationPath)) return (Outcome.NotFound, null);
        return contest.Mode != ContestMode.Live ? (Outcome.NotLive, contest) : (Outcome.Done, contest);
    }

    private async Task<(Outcome, LiveRound?)> RoundAsync(string scopePath, long contestId, int seq, CancellationToken ct)
    {
        var (outcome, _) = await FindAsync(scopePath, contestId, ct);
        if (outcome != Outcome.Done) return (outcome, null);
        var round = await db.Set<LiveRound>().SingleOrDefaultAsync(r => r.ContestId == contestId && r.Seq == seq, ct);
        return round is null ? (Outcome.NotFound, null) : (Outcome.Done, round);
    }
}
