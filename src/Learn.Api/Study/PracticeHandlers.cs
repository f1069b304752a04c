using System.Security.Claims;
using Learn.Api.OpenApi;
using Learn.Core.Auth;
using Learn.Core.Problems;
using Learn.Core.Study.Practice;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Learn.Api.Study;

/// <summary>每日答题 over HTTP: today's questions, and one answer at a time graded on the server (ADR 0202).</summary>
internal static class PracticeHandlers
{
    public static RouteGroupBuilder MapPractice(this RouteGroupBuilder group)
    {
        group.MapGet("/practice", GetToday)
            .WithSummary("每日答题").WithDescription("今天（北京时间）的练习题，每人每天一套，当天重复打开是同一套。未作答的题不含答案；作答后 answer 含我的答案、正确答案与解析。题库为空时 questions 为空，emptyMessage 为提示语。");
        group.MapPost("/practice/questions/{seq:int}/answer", Answer)
            .WithSummary("每日答题作答").WithDescription("提交第 seq 题的答案：单选/多选填字母（如 A、ACD），判断题填 正确/错误（或 对/错），填空题填文字。第一次作答有效，答对获得答题积分（每日有上限，dailyCapReached）；重复提交返回第一次的结果，不会重复加分（newlyAnswered 为 false）。")
            .ProducesLearnProblem(400, ProblemTypes.Validation).ProducesLearnProblem(404);
        return group;
    }

    private static async Task<Ok<PracticeResponse>> GetToday(ClaimsPrincipal user, DailyPractice practice, CancellationToken ct) =>
        TypedResults.Ok(PracticeResponse.Of(await practice.TodayAsync(user.RequiredMemberIdOf(), ct)));

    private static async Task<Results<Ok<PracticeAnswerResponse>, ProblemHttpResult>> Answer(int seq, PracticeAnswerRequest request,
        ClaimsPrincipal user, DailyPractice practice, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Response)) return Problems.Validation("response", "请填写答案");
        if (request.Response.Length > 200) return Problems.Validation("response", "答案不能超过200个字符");
        var result = await practice.AnswerAsync(user.RequiredMemberIdOf(), seq, request.Response, ct);
        return result.Outcome switch
        {
            PracticeAnswerOutcome.NotFound => Problems.NotFound("今天的练习里没有这道题", "请先打开今天的每日答题"),
            PracticeAnswerOutcome.InvalidResponse => Problems.Validation("response", "答案格式不对：单选填一个选项字母，多选填一个或多个字母，判断题填 正确 或 错误"),
            _ => TypedResults.Ok(new PracticeAnswerResponse(PracticeQuestionItem.Of(result.Question!), result.NewlyAnswered, result.Capped,
                MessageOf(result))),
        };
    }

    private static string MessageOf(PracticeAnswerResult r) => r switch
    {
        { NewlyAnswered: false } => "这道题已经答过了，以第一次作答为准",
        { Question.Answer.Correct: false } => "回答错误，看看解析吧",
        { Capped: true, Question.Answer.PointsAwarded: 0 } => "回答正确，今日答题积分已达上限",
        _ => $"回答正确，获得{r.Question!.Answer!.PointsAwarded}积分",
    };
}
