using System.Security.Claims;
using Learn.Api.OpenApi;
using Learn.Core.Auth;
using Learn.Core.Contests;
using Learn.Core.Hosting.Metrics;
using Learn.Core.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Learn.Api.Contests;

/// <summary>直播竞答 for members: the open question, a closed round's key, and the live event stream.</summary>
public static class LiveApi
{
    public static void MapLive(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:long}/live/current", Current)
            .WithSummary("进入直播竞答").WithDescription("加入比赛（首次调用时创建作答）并返回当前开放的题目（open，无则为 null）、我的得分和最近公布答案的题号。")
            .ProducesLearnProblem(404)
            .ProducesLearnProblem(409, ContestProblems.WrongMode, ContestProblems.Closed, ContestProblems.NotOpen, ContestProblems.OtherIdentity);
        group.MapGet("/{id:long}/live/rounds/{seq:int}", Round)
            .WithSummary("直播题目答案").WithDescription("某题结束后的正确答案与解析；revealed 表示主持人是否已公布。")
            .ProducesLearnProblem(404).ProducesLearnProblem(409, ContestProblems.QuestionOpen);
        group.MapGet("/{id:long}/live/events", Events)
            .WithSummary("直播事件流（SSE）").WithDescription("text/event-stream，事件名 live：先发 subscribed，之后主持人开题 open、收题 close、公布答案 reveal。小程序可用 wx.request 的 enableChunked + onChunkReceived 接收；不支持时每 1–2 秒轮询 live/current。");
    }

    private static async Task<Results<Ok<LiveFlow.LiveState>, ProblemHttpResult>> Current(long id, ClaimsPrincipal user, ContestCaches caches,
        Participation participation, LiveFlow flow, TimeProvider clock, CancellationToken ct)
    {
        if (await caches.ContestAsync(id, ct) is not { } contest) return Problems.NotFound("比赛不存在");
        if (contest.Mode != ContestMode.Live) return Problems.Conflict("该比赛不是直播竞答", type: ContestProblems.WrongMode);
        var now = clock.GetUtcNow().UtcDateTime;
        if (contest.IsOverAt(now)) return Problems.Conflict("比赛已结束", type: ContestProblems.Closed);
        if (now < contest.StartsAt) return Problems.Conflict("比赛尚未开始", type: ContestProblems.NotOpen);
        var memberId = user.RequiredMemberIdOf();
        switch (await participation.JoinAsync(contest, memberId, user.IdentityIdOf(), ct))
        {
            case Participation.JoinResult.NotInAudience: return Problems.NotFound("比赛不存在");
            case Participation.JoinResult.OtherIdentity:
                return Problems.Conflict("您已在另一个微信账号上参赛，请使用该账号", type: ContestProblems.OtherIdentity);
        }
        return TypedResults.Ok(await flow.CurrentAsync(contest, memberId, ct));
    }

    public sealed record RoundKey(int Seq, string CorrectAnswer, string Explanation, bool Revealed);

    private static async Task<Results<Ok<RoundKey>, ProblemHttpResult>> Round(long id, int seq, ContestCaches caches, LiveFlow flow, CancellationToken ct)
    {
        if (await caches.ContestAsync(id, ct) is not { Mode: ContestMode.Live } contest) return Problems.NotFound("比赛不存在");
        var (round, closed) = await flow.RoundAsync(contest, seq, ct);
        if (round is null) return Problems.NotFound("该题不存在");
        if (!closed) return Problems.Conflict("本题仍在作答中，结束后公布答案", type: ContestProblems.QuestionOpen);
        var version = (await caches.QuestionAsync(round.QuestionVersionId, ct))!;
        return TypedResults.Ok(new RoundKey(seq, version.AnswerKey, version.Explanation, round.RevealedAt is not null));
    }

    /// <summary>
    /// Server-sent events: "open", "close" and "reveal" as the host acts, relayed from Redis pub/sub so
    /// every API instance tells its own connected members. The first event ("subscribed") confirms the relay is live.
    /// </summary>
    private static ServerSentEventsResult<LiveEvent> Events(long id, LiveEvents events, CancellationToken ct) =>
        TypedResults.ServerSentEvents(Counted(events.SubscribeAsync(id, ct)), "live");

    private static async IAsyncEnumerable<LiveEvent> Counted(IAsyncEnumerable<LiveEvent> stream)
    {
        LearnMetrics.LiveConnections.Add(1);
        try
        {
            await foreach (var e in stream) yield return e;
        }
        finally
        {
            LearnMetrics.LiveConnections.Add(-1);
        }
    }
}
