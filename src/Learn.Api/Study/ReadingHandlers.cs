using System.Security.Claims;
using Learn.Core.Auth;
using Learn.Core.Problems;
using Learn.Core.Study;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Learn.Api.Study;

/// <summary>Start and finish of a reading; the server's clock decides whether it was long enough.</summary>
internal static class ReadingHandlers
{
    public const string ReadingNotStarted = "urn:learn:problem:reading-not-started";

    public static async Task<Results<Ok<ReadResponse>, ProblemHttpResult>> Start(long id, ClaimsPrincipal user,
        ArticleReadings readings, CancellationToken ct) =>
        Respond(await readings.StartAsync(user.RequiredMemberIdOf(), id, ct));

    public static async Task<Results<Ok<ReadResponse>, ProblemHttpResult>> Finish(long id, ClaimsPrincipal user,
        ArticleReadings readings, CancellationToken ct) =>
        Respond(await readings.FinishAsync(user.RequiredMemberIdOf(), id, ct));

    private static Results<Ok<ReadResponse>, ProblemHttpResult> Respond(ReadingResult r) => r.Outcome switch
    {
        ReadingOutcome.NotFound => Problems.NotFound("文章不存在或尚未发布"),
        ReadingOutcome.NotStarted => Problems.Conflict("请先开始阅读", type: ReadingNotStarted),
        _ => TypedResults.Ok(new ReadResponse(r.Outcome == ReadingOutcome.Completed, r.MinReadingSeconds, r.ElapsedSeconds,
            r.Outcome == ReadingOutcome.Completed ? 0 : r.RemainingSeconds, r.PointsAwarded, r.NewlyCompleted && r.PointsAwarded > 0, r.Capped,
            MessageOf(r))),
    };

    private static string MessageOf(ReadingResult r) => r switch
    {
        { Outcome: ReadingOutcome.InProgress, ElapsedSeconds: 0 } => $"开始阅读，至少阅读{r.MinReadingSeconds}秒可获得积分",
        { Outcome: ReadingOutcome.InProgress } => $"阅读时间不足，还需{r.RemainingSeconds}秒",
        { Capped: true, PointsAwarded: 0 } => "阅读完成，今日阅读积分已达上限",
        { NewlyCompleted: true } => $"阅读完成，获得{r.PointsAwarded}积分",
        _ => "已读完本文，积分已发放",
    };
}
