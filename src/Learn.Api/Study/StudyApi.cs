using System.Security.Claims;
using Learn.Core.Auth;
using Learn.Core.Study;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Learn.Api.Study;

/// <summary>Daily study for members: today's article, past articles, reading, points and boards.</summary>
public static class StudyApi
{
    public static RouteGroupBuilder MapStudy(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/study").RequireAuthorization(MemberClaims.MemberPolicy).WithTags("Study");
        group.MapGet("/today", GetToday);
        group.MapGet("/columns", GetColumns);
        group.MapGet("/articles", GetArticles);
        group.MapGet("/articles/{id:long}", GetArticle);
        group.MapPost("/articles/{id:long}/read/start", ReadingHandlers.Start);
        group.MapPost("/articles/{id:long}/read/finish", ReadingHandlers.Finish);
        group.MapGet("/points", PointsHandlers.GetPoints);
        group.MapGet("/boards/people", BoardHandlers.GetPeople);
        group.MapGet("/boards/branches", BoardHandlers.GetBranches);
        return group;
    }

    private static async Task<Ok<TodayResponse>> GetToday(ClaimsPrincipal user, MemberArticles articles, TodayArticles today,
        TimeProvider clock, CancellationToken ct)
    {
        var date = StudyCalendar.Today(clock);
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
