using System.Globalization;
using System.Security.Claims;
using Learn.Api.OpenApi;
using Learn.Core.Auth;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Contests;

/// <summary>The Mini Program's contest API: listing, timed papers and challenges, answering.</summary>
public static class ContestsApi
{
    public static RouteGroupBuilder MapContests(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/contests").RequireAuthorization(MemberClaims.MemberPolicy).WithTags("Contests");
        group.MapGet("/", List)
            .WithSummary("我可参加的比赛").WithDescription("近 30 天内、我所在组织可参加的比赛，按开始时间倒序。mode：timed 限时答题 / challenge 挑战答题 / live 直播竞答；state：upcoming / open / closed。");
        group.MapGet("/{id:long}", Detail)
            .WithSummary("比赛详情").WithDescription("题量、每题限时、每日与总次数（0 表示不限）、计分与排名规则。")
            .ProducesLearnProblem(404);
        group.MapPost("/{id:long}/attempts", Start)
            .WithSummary("开始（或继续）答题").WithDescription("限时答题与挑战答题：开始一次新的作答，或返回未完成的那次及当前题目（含剩余秒数）。直播竞答请用 live 接口。")
            .ProducesLearnProblem(404)
            .ProducesLearnProblem(409, ContestProblems.WrongMode, ContestProblems.Closed, ContestProblems.NotOpen, ContestProblems.OtherIdentity,
                ContestProblems.AttemptLimit, ContestProblems.PoolTooSmall, ProblemTypes.Conflict);
        group.MapGet("/{id:long}/attempts/current", Current)
            .WithSummary("当前作答").WithDescription("最近一次作答的进度、得分和当前题目（已完成时 current 为 null）。页面恢复时调用。")
            .ProducesLearnProblem(404);
        group.MapPost("/{id:long}/attempts/{attemptId:long}/answers", Answer)
            .WithSummary("提交答案").WithDescription("answer：单选 \"B\"，多选 \"ACD\"，判断 \"正确\"/\"错误\"，填空为文字。requestId 由客户端生成（如 UUID），网络重试时沿用同一个即可得到同一结果。ticket：原样带回取题时题目里的 ticket（服务器签发的凭证，免去一次查库；不带也可以，但稍慢）。返回是否答对、得分、正确答案与解析（直播竞答本题仍开放时这些为 null、sealed 为 true，收题后用 live/rounds/{seq} 与 live/current 获取）；next：限时答题连续作答时传 true，答案保存的同时发出下一题（其计时从此刻开始），返回的 next 即下一题（含 ticket）；不传、或 next 为 null（末题、挑战答题、直播竞答）时下一题用“当前作答”获取。直播竞答也用此接口（attemptId 来自 live/current）。")
            .ProducesLearnProblem(400, ProblemTypes.Validation, ContestProblems.TicketInvalid).ProducesLearnProblem(404)
            .ProducesLearnProblem(409, ContestProblems.AnswerConflict, ContestProblems.Closed).ProducesLearnProblem(429, ProblemTypes.TooManyRequests)
            .ProducesLearnProblem(503, ProblemTypes.Unavailable);
        group.MapLive();
        group.MapBoards();
        routes.MapQuestionReports();
        return group;
    }

    private static async Task<Ok<List<ContestSummary>>> List(ClaimsPrincipal user, LearnDbContext db, Participation participation, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var recent = await db.Set<Contest>().AsNoTracking().Where(c => c.EndsAt > now.AddDays(-30)).OrderByDescending(c => c.StartsAt).Take(50).ToListAsync(ct);
        var visible = new List<ContestSummary>();
        foreach (var c in recent)
            if (await participation.InAudienceAsync(c, user.RequiredMemberIdOf(), ct)) visible.Add(ContestPayloadMapping.Summary(c, now));
        return TypedResults.Ok(visible);
    }

    private static async Task<Results<Ok<ContestDetail>, ProblemHttpResult>> Detail(long id, ClaimsPrincipal user, LearnDbContext db,
        Participation participation, TimeProvider clock, CancellationToken ct)
    {
        var contest = await db.Set<Contest>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (contest is null || !await participation.InAudienceAsync(contest, user.RequiredMemberIdOf(), ct)) return Problems.NotFound("比赛不存在");
        return TypedResults.Ok(ContestPayloadMapping.Detail(contest, clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>Starts an attempt, or resumes the unfinished one with its remaining time.</summary>
    private static async Task<Results<Ok<AttemptPayload>, ProblemHttpResult>> Start(long id, ClaimsPrincipal user, LearnDbContext db,
        Participation participation, AttemptFlow flow, TimeProvider clock, CancellationToken ct)
    {
        var contest = await db.Set<Contest>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (contest is null) return Problems.NotFound("比赛不存在");
        if (contest.Mode == ContestMode.Live)
            return Problems.Conflict("直播竞答请进入直播页面作答", type: ContestProblems.WrongMode);
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
        var (result, attempt) = await flow.StartAsync(contest, memberId, ct);
        return result switch
        {
            AttemptFlow.StartResult.DailyLimit => Problems.Conflict($"今天的 {contest.AttemptsPerDay} 次答题机会已用完，明天再来", type: ContestProblems.AttemptLimit),
            AttemptFlow.StartResult.TotalLimit => Problems.Conflict($"{contest.AttemptsTotal} 次答题机会已全部用完", type: ContestProblems.AttemptLimit),
            AttemptFlow.StartResult.PoolEmpty => Problems.Conflict("题库中暂无可用题目", type: ContestProblems.PoolTooSmall),
            AttemptFlow.StartResult.Busy => Problems.Conflict("请勿重复开始答题"),
            _ => TypedResults.Ok(await PayloadAsync(flow, contest, attempt!, ct)),
        };
    }

    private static async Task<Results<Ok<AttemptPayload>, ProblemHttpResult>> Current(long id, ClaimsPrincipal user, ContestCaches caches,
        AttemptFlow flow, CancellationToken ct)
    {
        if (await caches.ContestAsync(id, ct) is not { } contest) return Problems.NotFound("比赛不存在");
        // The answer cycle's GET: one statement when there is a question to show (AttemptFlow.Current.cs).
        if (await flow.CurrentAttemptFastAsync(contest, user.RequiredMemberIdOf(), ct) is { } fast) return TypedResults.Ok(fast);
        var attempt = await flow.LatestAttemptAsync(contest, user.RequiredMemberIdOf(), ct);
        if (attempt is null) return Problems.NotFound("您还没有开始答题");
        return TypedResults.Ok(await PayloadAsync(flow, contest, attempt, ct));
    }

    private static async Task<AttemptPayload> PayloadAsync(AttemptFlow flow, Contest contest, ContestAttempt attempt, CancellationToken ct)
    {
        var current = await flow.CurrentQuestionAsync(contest, attempt, ct);
        return new AttemptPayload(attempt.Id, attempt.Number, attempt.Status == AttemptStatus.Finished ? "finished" : "in-progress",
            attempt.QuestionCount, attempt.AnsweredCount, attempt.Score, attempt.CorrectCount, attempt.TotalMs, current);
    }

    /// <summary>Acknowledged only after the answer is committed; a retry with the same request id gets the same result.</summary>
    private static async Task<Results<Ok<AnswerResultPayload>, ProblemHttpResult>> Answer(long id, long attemptId, AnswerRequest body,
        HttpContext http, ClaimsPrincipal user, AnswerWriter writer, AnswerTickets tickets, ContestCaches caches, TimeProvider clock, CancellationToken ct)
    {
        var received = clock.GetUtcNow().UtcDateTime;
        if (body.RequestId is not { Length: > 0 and <= 64 } requestId) return Problems.Validation("requestId", "请提供 1–64 个字符的请求编号");
        if (body.Answer is null || body.Answer.Length > 500) return Problems.Validation("answer", "答案不能为空，且不超过 500 字");
        if (body.Seq < 1) return Problems.Validation("seq", "题号不正确");
        var memberId = user.RequiredMemberIdOf();
        // A ticket is checked before anything is queued: one that is not this member's for this question is never scored.
        AnswerTickets.Issued? issued = null;
        if (body.Ticket is { } ticket && (issued = tickets.Read(ticket, memberId, id, attemptId, body.Seq)) is null)
            return Problems.BadRequest("答题凭证无效，请重新获取题目", "ticket 须原样带回本人本题取题时返回的值", ContestProblems.TicketInvalid);
        AnswerOutcome outcome;
        try
        {
            outcome = await writer.SubmitAsync(new AnswerSubmission(memberId, id, attemptId, body.Seq, requestId, body.Answer, received, issued, body.Next == true), ct);
        }
        catch (Exception ex) when (Hosting.DatabaseUnavailable.IsDatabaseDown(ex))
        {
            // The database did not store it, so nothing was acknowledged: the same request id may simply be sent again.
            http.Response.Headers.RetryAfter = Hosting.DatabaseUnavailable.RetryAfterSeconds;
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.Unavailable, "服务暂时不可用，请稍后重试", "答案未保存，请用同一 requestId 重新提交");
        }
        if (outcome.Status == AnswerStatus.RateLimited)
        {
            var seconds = (int)Math.Ceiling(outcome.RetryAfterMs / 1000.0);
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Problems.Of(StatusCodes.Status429TooManyRequests, ProblemTypes.TooManyRequests, "答题过于频繁，请稍后再试", $"请 {seconds} 秒后再提交");
        }
        if (outcome.Status == AnswerStatus.NotFound) return Problems.NotFound("题目不存在或尚未发放");
        if (outcome.Status == AnswerStatus.Conflict) return Problems.Conflict("本题已作答，不能更改答案", type: ContestProblems.AnswerConflict);
        if (outcome.Status == AnswerStatus.Closed) return Problems.Conflict("比赛已结束，答案未计入", type: ContestProblems.Closed);
        if (outcome.SealedUntil is { } until && clock.GetUtcNow().UtcDateTime < until)
            return TypedResults.Ok(new AnswerResultPayload(body.Seq, null, outcome.IsLate, null, null, null, null, null, null, outcome.AttemptFinished, Sealed: true));
        var version = (await caches.QuestionAsync(outcome.QuestionVersionId, ct))!;
        var next = body.Next == true ? await NextQuestionAsync(http, tickets, caches, clock, memberId, id, attemptId, body.Seq, outcome, ct) : null;
        return TypedResults.Ok(new AnswerResultPayload(body.Seq, outcome.IsCorrect, outcome.IsLate, outcome.Points, version.AnswerKey,
            version.Explanation, outcome.Score, outcome.CorrectCount, outcome.TotalMs, outcome.AttemptFinished, Next: next));
    }

    /// <summary>
    /// The question the answer's write issued (<see cref="AnswerRequest.Next"/>). A retried request (its first reply lost) finds
    /// the attempt's current question as <c>attempts/current</c> would, so a retry gets the same next question, never a second one.
    /// </summary>
    private static async Task<QuestionPayload?> NextQuestionAsync(HttpContext http, AnswerTickets tickets, ContestCaches caches, TimeProvider clock, long memberId,
        long contestId, long attemptId, int seq, AnswerOutcome outcome, CancellationToken ct)
    {
        if (outcome.Next is { } n)
        {
            var version = (await caches.QuestionAsync(n.VersionId, ct))!;
            var ticket = tickets.Issue(memberId, contestId, attemptId, n.Seq, n.VersionId, n.IssuedAt, n.Deadline);
            return QuestionPayload.Of(n.Seq, version, n.IssuedAt, n.Deadline, clock.GetUtcNow().UtcDateTime, ticket);
        }
        if (outcome.Status != AnswerStatus.Repeated || outcome.AttemptFinished || await caches.ContestAsync(contestId, ct) is not { Mode: ContestMode.Timed } contest)
            return null;
        // Off the hot path: the flow (and its DbContext) is resolved only for a retry.
        var current = await http.RequestServices.GetRequiredService<AttemptFlow>().CurrentAttemptFastAsync(contest, memberId, ct);
        return current is { AttemptId: var a, Current: { } q } && a == attemptId && q.Seq > seq ? q : null;
    }
}
