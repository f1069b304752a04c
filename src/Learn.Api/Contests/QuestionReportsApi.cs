using System.Security.Claims;
using Learn.Api.OpenApi;
using Learn.Core.Auth;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Problems;
using Learn.Core.Questions;
using Learn.WeChat.Errors;
using Learn.WeChat.MiniProgram;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Contests;

/// <summary>答题纠错: a member reports an error in a question they were given; organisers resolve it (ContestAdmin).</summary>
public static class QuestionReportsApi
{
    public sealed record ReportRequest(long QuestionId, long? ContestId, string? Note);
    public sealed record ReportCreated(long Id);

    public static void MapQuestionReports(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/question-reports", Report).RequireAuthorization(MemberClaims.MemberPolicy).WithTags("Contests")
            .WithSummary("题目纠错").WithDescription("对答过的题目提交纠错说明（不超过 500 字），经微信内容安全检测后由组织者处理；含不适宜内容时返回 content-risky。questionId 为题目载荷中的 questionId。")
            .ProducesLearnProblem(400, ProblemTypes.Validation, RiskyContent).ProducesLearnProblem(404);

    public const string RiskyContent = "urn:learn:problem:content-risky";

    private static async Task<Results<Created<ReportCreated>, ProblemHttpResult>> Report(ReportRequest body, ClaimsPrincipal user,
        LearnDbContext db, MiniProgramClient miniProgram, TimeProvider clock, CancellationToken ct)
    {
        var note = body.Note?.Trim() ?? "";
        if (note.Length is 0 or > 500) return Problems.Validation("note", "请填写纠错说明（不超过 500 字）");
        var memberId = user.RequiredMemberIdOf();
        // Only a question this member was actually given may be reported.
        var seen = await (from q in db.Set<AttemptQuestion>()
                          where q.QuestionVersionId == body.QuestionId && q.IssuedAt != null
                          join a in db.Set<ContestAttempt>() on q.AttemptId equals a.Id
                          where a.MemberId == memberId
                          select a.ContestId).FirstOrDefaultAsync(ct);
        var version = await db.Set<QuestionVersion>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == body.QuestionId, ct);
        if (version is null || seen == 0) return Problems.NotFound("题目不存在");
        if (await CheckContentAsync(user, note, db, miniProgram, ct) is { } refused) return refused;
        var report = new QuestionReport
        {
            QuestionId = version.QuestionId, QuestionVersionId = version.Id, MemberId = memberId, ContestId = body.ContestId ?? seen,
            Note = note, Status = QuestionReportStatus.Open, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(report);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/question-reports/{report.Id}", new ReportCreated(report.Id));
    }

    /// <summary>
    /// Text a member writes goes through WeChat's content security check (msg_sec_check v2) before it
    /// is stored; the verdict is <c>result.suggest</c>. "review" is kept: organisers read every report anyway.
    /// </summary>
    private static async Task<ProblemHttpResult?> CheckContentAsync(ClaimsPrincipal user, string text, LearnDbContext db,
        MiniProgramClient miniProgram, CancellationToken ct)
    {
        var identityId = user.IdentityIdOf();
        var openId = await db.WeChatIdentities.Where(w => w.Id == identityId).Select(w => w.OpenId).SingleAsync(ct);
        try
        {
            var verdict = await miniProgram.CheckTextAsync(openId, text, ContentScene.Comment, ct);
            return verdict.Suggest == ContentSuggest.Risky
                ? Problems.BadRequest("内容含有不适宜发布的信息，请修改后再提交", type: RiskyContent)
                : null;
        }
        catch (WeChatApiException e) when (e.IsTransient)
        {
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.Unavailable, "微信服务繁忙，请稍后再试");
        }
    }
}
