using System.Security.Claims;
using Learn.Api.OpenApi;
using Learn.Core.Auth;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Contests;

/// <summary>The ranking frozen at close (contest_final_ranks): stays queryable after the live board is gone.</summary>
public static class FinalResultsApi
{
    /// <param name="RevisedAt">When a result voided after the close recomputed this ranking (shown as 修订); null when never revised.</param>
    public sealed record FinalRow(int Rank, long MemberId, string Name, long OrganizationId, int Score, int CorrectCount, long TotalMs, DateTime? RevisedAt = null);

    public static void MapFinalResults(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:long}/results", Top)
            .WithSummary("最终成绩榜").WithDescription("比赛结束时定格的排名（前 top 名，默认 100），结束后长期可查。仅参赛范围内成员可见，组织者设为公开榜时免登录。结束后有成绩被作废时排名重新计算，revisedAt 为修订时间（显示“修订”），未修订时为 null。")
            .ProducesLearnProblem(404).AllowAnonymous();
        group.MapGet("/{id:long}/results/me", Mine)
            .WithSummary("我的最终成绩").WithDescription("比赛结束后我的最终名次与成绩；排名因作废成绩重新计算过时 revisedAt 为修订时间。")
            .ProducesLearnProblem(404);
    }

    private static IQueryable<FinalRow> Rows(LearnDbContext db, long contestId, long? memberId = null) =>
        from r in db.Set<ContestFinalRank>().AsNoTracking()
        where r.ContestId == contestId && (memberId == null || r.MemberId == memberId)
        join m in db.Members on r.MemberId equals m.Id
        join c in db.Set<Contest>() on r.ContestId equals c.Id
        orderby r.Rank
        select new FinalRow(r.Rank, r.MemberId, m.Name, r.OrganizationId, r.Score, r.CorrectCount, r.TotalMs, c.FinalRevisedAt);

    private static async Task<Results<Ok<List<FinalRow>>, ProblemHttpResult>> Top(long id, HttpContext http, LearnDbContext db,
        ContestReaders readers, CancellationToken ct, int top = 100)
    {
        var contest = await db.Set<Contest>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.ClosedAt != null, ct);
        if (contest is null) return Problems.NotFound("比赛尚未结束或不存在");
        if (await readers.RefuseAsync(contest, http.User, ct) is { } refused) return refused;
        ContestReaders.Cache(http, contest, 60); // frozen: the same for everyone from now on
        return TypedResults.Ok(await Rows(db, id).Take(Math.Clamp(top, 1, 1000)).ToListAsync(ct));
    }

    private static async Task<Results<Ok<FinalRow>, ProblemHttpResult>> Mine(long id, HttpContext http, ClaimsPrincipal user, LearnDbContext db, CancellationToken ct)
    {
        var row = await Rows(db, id, user.RequiredMemberIdOf()).FirstOrDefaultAsync(ct);
        if (row is null) return Problems.NotFound("没有您的最终成绩");
        BoardCaching.Private(http, 60);
        return TypedResults.Ok(row);
    }
}
