using Learn.Core;
using System.Security.Claims;
using Learn.Api.OpenApi;
using Learn.Core.Auth;
using Learn.Core.Problems;
using Learn.Core.Study;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Learn.Api.Study;

/// <summary>Daily study for members: today's article, past articles, reading, 每日答题, points and boards.</summary>
public static class StudyApi
{
    public static RouteGroupBuilder MapStudy(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/study").RequireAuthorization(MemberClaims.MemberPolicy).WithTags("Study");
        group.MapGet("/today", GetToday)
            .WithSummary("今日学习").WithDescription("今天（北京时间）发布给我所在组织的文章：article 为主推文章，more 为其余；没有时 article 为 null，emptyMessage 为提示语。");
        group.MapGet("/columns", GetColumns)
            .WithSummary("文章专栏").WithDescription("全部专栏（如 党史学习、理论武装），用于往期文章筛选。");
        group.MapGet("/articles", GetArticles)
            .WithSummary("往期文章").WithDescription("已发布给我所在组织的文章，按发布日期倒序分页；可按 columnId 筛选。");
        group.MapGet("/articles/{id:long}", GetArticle)
            .WithSummary("文章详情").WithDescription("正文 bodyHtml 已在服务端净化，可用 rich-text 组件展示；reading 为我的阅读状态。")
            .ProducesLearnProblem(404);
        group.MapPost("/articles/{id:long}/read/start", ReadingHandlers.Start)
            .WithSummary("开始阅读").WithDescription("打开文章时调用，服务端开始计时。之后至少阅读 minReadingSeconds 秒再调用“完成阅读”。")
            .ProducesLearnProblem(404);
        group.MapPost("/articles/{id:long}/read/finish", ReadingHandlers.Finish)
            .WithSummary("完成阅读").WithDescription("离开文章或读到末尾时调用。时间够了：completed 为 true 并发放积分（每日有上限，dailyCapReached）；不够：completed 为 false，remainingSeconds 为还需的秒数，可稍后再调用。重复完成不会重复加分。")
            .ProducesLearnProblem(404).ProducesLearnProblem(409, ReadingHandlers.ReadingNotStarted);
        group.MapGet("/points", PointsHandlers.GetPoints)
            .WithSummary("我的学习积分").WithDescription("总积分、今日积分（按类别及每日上限）、连续学习天数，以及积分明细（分页，最新在前）。");
        group.MapGet("/boards/people", BoardHandlers.GetPeople)
            .WithSummary("学习积分个人榜").WithDescription("period：week（本周，默认）/ month / all；top 默认 20。含我的名次及前后各 2 名。")
            .ProducesLearnProblem(400, ProblemTypes.Validation);
        group.MapGet("/boards/branches", BoardHandlers.GetBranches)
            .WithSummary("学习积分支部榜").WithDescription("period：week / month / all；by：total（总分，默认）/ average（人均）。mine 为我所在支部。")
            .ProducesLearnProblem(400, ProblemTypes.Validation);
        group.MapPractice();
        return group;
    }

    private static async Task<Ok<TodayResponse>> GetToday(ClaimsPrincipal user, MemberArticles articles, TodayArticles today,
        TimeProvider clock, CancellationToken ct)
    {
        var date = Shanghai.Today(clock);
        var path = await articles.OrganizationPathOfAsync(user.RequiredMemberIdOf(), ct) ?? "/";
        var visible = await today.VisibleOnAsync(path, date, ct);
        return TypedResults.Ok(visible.Count == 0
            ? new TodayResponse(date, null, [], "今天还没有发布学习文章，去看看往期文章吧。")
            : new TodayResponse(date, ArticleItem.Of(visible[0]), [.. visible.Skip(1).Select(ArticleItem.Of)], null));
    }

    private static async Task<Ok<ColumnItem[]>> GetColumns(MemberArticles articles, CancellationToken ct) =>
        TypedResults.Ok((await articles.ColumnsAsync(ct)).Select(c => new ColumnItem(c.Id, c.Name)).ToArray());

    private static async Task<Ok<PageResponse<ArticleItem>>> GetArticles(ClaimsPrincipal user, MemberArticles articles,
        [FromQuery] long? columnId, [FromQuery] int? page, [FromQuery] int? pageSize, CancellationToken ct)
    {
        var path = await articles.OrganizationPathOfAsync(user.RequiredMemberIdOf(), ct) ?? "/";
        var result = await articles.BrowseAsync(path, columnId, page, pageSize, ct);
        return TypedResults.Ok(PageResponse<ArticleItem>.Of(result, ArticleItem.Of));
    }

    private static async Task<Results<Ok<ArticleDetailResponse>, ProblemHttpResult>> GetArticle(long id, ClaimsPrincipal user,
        MemberArticles articles, CancellationToken ct)
    {
        var memberId = user.RequiredMemberIdOf();
        var path = await articles.OrganizationPathOfAsync(memberId, ct) ?? "/";
        var detail = await articles.DetailAsync(memberId, path, id, ct);
        if (detail is null) return Core.Problems.Problems.NotFound("文章不存在或尚未发布");
        return TypedResults.Ok(new ArticleDetailResponse(ArticleItem.Of(detail.Headline), detail.BodyHtml, detail.TextLength,
            new ReadingResponse(detail.Reading.StartedAt is not null, detail.Reading.CompletedAt is not null, detail.Reading.PointsAwarded)));
    }
}
