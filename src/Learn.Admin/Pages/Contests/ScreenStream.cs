using System.Runtime.CompilerServices;
using Learn.Admin.Hosting;
using Learn.Core.Contests;
using Learn.Core.Contests.Boards;
using Learn.Core.Data;
using Learn.Core.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Contests;

/// <summary>
/// The big screen's server-sent events: a snapshot of the top persons and the branches whenever the
/// board changes on any instance (Redis pub/sub through <see cref="BoardStream"/>), at most one a second.
/// </summary>
public static class ScreenStream
{
    public const int TopPersons = 10;
    public const int TopBranches = 10;

    public sealed record PersonRow(long Rank, string Name, string Organization, int Score, int CorrectCount);
    public sealed record BranchRow(string Name, long TotalScore, long Participants, long Members);
    public sealed record Snapshot(IReadOnlyList<PersonRow> Persons, IReadOnlyList<BranchRow> Branches);

    public static RouteHandlerBuilder MapContestScreen(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/Contests/Screen/{id:long}/stream", Stream).RequireAuthorization();

    private static async Task<Results<ServerSentEventsResult<Snapshot>, NotFound>> Stream(long id, HttpContext http, LearnDbContext db,
        BoardStream stream, ContestBoard board, TimeProvider clock, CancellationToken ct)
    {
        var contest = await http.GetOrganizerScope().Filter(db.Set<Contest>().AsNoTracking(), c => c.OrganizationPath).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (contest is null || (contest.HideBoardUntilClose && !contest.IsOverAt(clock.GetUtcNow().UtcDateTime))) return TypedResults.NotFound();
        // Branches of the audience (or of the organising unit when the audience is a whitelist), read once.
        var roots = contest.AudiencePathList.Count > 0 ? contest.AudiencePathList : [contest.OrganizationPath];
        var organizations = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name, o.Path, o.Kind }).ToListAsync(ct);
        var branches = organizations.Where(o => o.Kind == OrganizationKind.Branch && roots.Any(r => Subtree.Contains(r, o.Path)))
            .Select(o => (o.Id, o.Name)).ToList();
        var names = organizations.ToDictionary(o => o.Id, o => o.Name);
        return TypedResults.ServerSentEvents(Snapshots(contest.Id, branches, names, stream, board, ct), "board");
    }

    private static async IAsyncEnumerable<Snapshot> Snapshots(long contestId, List<(long Id, string Name)> branches, Dictionary<long, string> names,
        BoardStream stream, ContestBoard board, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var top in stream.TopAsync(contestId, TopPersons, TimeSpan.FromSeconds(1), ct))
        {
            var figures = await board.OrgFiguresAsync(contestId, branches.Select(b => b.Id).ToList());
            yield return new Snapshot(
                top.Select(r => new PersonRow(r.Rank, r.Name, names.GetValueOrDefault(r.OrganizationId, ""), r.Score, r.CorrectCount)).ToList(),
                branches.Select((b, i) => new BranchRow(b.Name, figures[i].Total, figures[i].Participants, figures[i].Members))
                    .OrderByDescending(b => b.TotalScore).ThenByDescending(b => b.Participants).Take(TopBranches).ToList());
        }
    }
}
