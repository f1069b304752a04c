using System.Security.Claims;
using Learn.Api.OpenApi;
using Learn.Core.Auth;
using Learn.Core.Contests;
using Learn.Core.Contests.Boards;
using Learn.Core.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Learn.Api.Contests;

/// <summary>
/// Leaderboards, read from Redis (rebuilt from the database when missing). The top board is the
/// same for everyone and marked publicly cacheable for a couple of seconds (CDN / Mini Program
/// cache; with an ETag, so a revalidation costs a 304); "around me" is private. Hidden until the
/// contest closes when the organiser chose so (<see cref="BoardCaching"/>).
/// </summary>
public static class BoardApi
{
    public sealed record TopBoard(long ContestId, IReadOnlyList<BoardRow> Rows);
    public sealed record MyBoard(long ContestId, BoardRow? Me, IReadOnlyList<BoardRow> Around);
    public sealed record OrgBoard(long ContestId, OrgBoardRow? Parent, IReadOnlyList<OrgBoardRow> Units);

    public static void MapBoards(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:long}/board", Top)
            .WithSummary("排行榜（前 N 名）").WithDescription("top 默认 100（1–500）。得分高者在前；同分比总用时，再比先达到者。可缓存 2 秒。")
            .ProducesLearnProblem(401).ProducesLearnProblem(403, ContestProblems.BoardHidden).ProducesLearnProblem(404).AllowAnonymous();
        group.MapGet("/{id:long}/board/me", Me)
            .WithSummary("我的名次").WithDescription("我的名次（未参赛为 null）及前后 radius 名（默认 5，最多 50）。")
            .ProducesLearnProblem(401).ProducesLearnProblem(403, ContestProblems.BoardHidden).ProducesLearnProblem(404);
        group.MapGet("/{id:long}/board/orgs", Orgs)
            .WithSummary("组织排行").WithDescription("parentId 下一级各组织的汇总（总分、参与人数、人均分、参与率），默认从参赛范围的顶层组织开始；sort：total（默认）/ average / rate。")
            .ProducesLearnProblem(401).ProducesLearnProblem(403, ContestProblems.BoardHidden).ProducesLearnProblem(404).AllowAnonymous();
        group.MapGet("/{id:long}/board/stream", Stream)
            .WithSummary("排行榜推送（SSE）").WithDescription("text/event-stream，事件名 board：每秒（有变化时）推送前 top 名（默认 20）。不支持时轮询 board。")
            .ProducesLearnProblem(401).ProducesLearnProblem(403, ContestProblems.BoardHidden).ProducesLearnProblem(404).AllowAnonymous();
        group.MapFinalResults();
    }

    private static async Task<(Contest? Contest, ProblemHttpResult? Problem)> VisibleAsync(long id, HttpContext http, ContestCaches caches,
        TimeProvider clock, CancellationToken ct)
    {
        if (await caches.ContestAsync(id, ct) is not { } contest) return (null, Problems.NotFound("比赛不存在"));
        var readers = http.RequestServices.GetRequiredService<ContestReaders>();
        if (await readers.RefuseAsync(contest, http.User, ct) is { } refused)
        {
            BoardCaching.NoStore(http);
            return (null, refused);
        }
        if (contest.HideBoardUntilClose && !contest.IsOverAt(clock.GetUtcNow().UtcDateTime))
        {
            BoardCaching.NoStore(http);
            return (null, Problems.Of(StatusCodes.Status403Forbidden, ContestProblems.BoardHidden, "榜单将在比赛结束后公布"));
        }
        // Board updates are applied after the acknowledgement (BoardCatchUp): a member with a change still queued on
        // this instance waits for it (read your own answer); everyone else reads at once.
        await http.RequestServices.GetRequiredService<BoardCatchUp>().SettledAsync(id, http.User.MemberIdOf(), TimeSpan.FromMilliseconds(250), ct);
        return (contest, null);
    }

    private static async Task<Results<SerializedJson<TopBoard>, ProblemHttpResult>> Top(long id, HttpContext http, ContestCaches caches, ContestBoard board,
        TimeProvider clock, CancellationToken ct, int top = 100)
    {
        var (contest, problem) = await VisibleAsync(id, http, caches, clock, ct);
        if (problem is not null) return problem;
        ContestReaders.Cache(http, contest!, 2);
        var rows = await board.TopAsync(contest!.Id, Math.Clamp(top, 1, 500), ct);
        return SerializedJson<TopBoard>.Of(http, rows, () => new TopBoard(contest.Id, rows));
    }

    private static async Task<Results<Ok<MyBoard>, ProblemHttpResult>> Me(long id, HttpContext http, ClaimsPrincipal user, ContestCaches caches,
        ContestBoard board, TimeProvider clock, CancellationToken ct, int radius = 5)
    {
        var (contest, problem) = await VisibleAsync(id, http, caches, clock, ct);
        if (problem is not null) return problem;
        BoardCaching.Private(http, 2);
        var (me, around) = await board.AroundAsync(contest!.Id, user.RequiredMemberIdOf(), Math.Clamp(radius, 0, 50), ct);
        return TypedResults.Ok(new MyBoard(contest.Id, me, around));
    }

    // Top, orgs and stream allow anonymous callers: ContestReaders lets them in only on a public board.

    /// <summary>Units under <paramref name="parentId"/> (default: under the audience's top unit), each rolled up over its subtree.</summary>
    private static async Task<Results<Ok<OrgBoard>, ProblemHttpResult>> Orgs(long id, HttpContext http, ContestCaches caches, ContestBoard board,
        TimeProvider clock, CancellationToken ct, long? parentId = null, string sort = "total")
    {
        var (contest, problem) = await VisibleAsync(id, http, caches, clock, ct);
        if (problem is not null) return problem;
        var wanted = contest!.AudiencePathList.Select(p => BoardKeys.Ancestors(p).Last()).Append(contest.OrganizationId).ToList();
        if (parentId is { } asked) wanted.Add(asked);
        var tree = await caches.OrganizationsAsync(wanted, ct);
        var roots = contest.AudiencePathList.Select(p => BoardKeys.Ancestors(p).Last()).Where(tree.ContainsKey).ToList();
        if (roots.Count == 0) roots = [contest.OrganizationId];
        var parent = parentId ?? (roots.Count == 1 ? roots[0] : null);
        if (parent is { } p && !tree.ContainsKey(p)) return Problems.NotFound("组织不存在");
        var unitIds = parent is { } pid ? tree.Values.Where(o => o.ParentId == pid).OrderBy(o => o.SortOrder).Select(o => o.Id).ToList() : roots;
        var ids = parent is { } x ? [x, .. unitIds] : unitIds;
        var figures = await board.OrgFiguresAsync(contest.Id, ids);
        var rows = ids.Select((orgId, i) => Row(orgId, tree[orgId].Name, figures[i])).ToList();
        var units = rows.Skip(parent is null ? 0 : 1);
        units = sort switch
        {
            "rate" => units.OrderByDescending(r => r.ParticipationRate),
            "average" => units.OrderByDescending(r => r.AveragePerMember),
            _ => units.OrderByDescending(r => r.TotalScore),
        };
        ContestReaders.Cache(http, contest, 5);
        return TypedResults.Ok(new OrgBoard(contest.Id, parent is null ? null : rows[0], units.ToList()));
    }

    private static OrgBoardRow Row(long id, string name, (long Total, long Participants, long Members) f) =>
        new(id, name, f.Total, f.Participants, f.Members,
            f.Members == 0 ? 0 : Math.Round((double)f.Total / f.Members, 2),
            f.Members == 0 ? 0 : Math.Round((double)f.Participants / f.Members, 4));

    private static async Task<Results<ServerSentEventsResult<IReadOnlyList<BoardRow>>, ProblemHttpResult>> Stream(long id, HttpContext http, ContestCaches caches,
        BoardStream stream, TimeProvider clock, CancellationToken ct, int top = 20)
    {
        var (contest, problem) = await VisibleAsync(id, http, caches, clock, ct);
        if (problem is not null) return problem;
        return TypedResults.ServerSentEvents(stream.TopAsync(contest!.Id, Math.Clamp(top, 1, 100), TimeSpan.FromSeconds(1), ct), "board");
    }
}
