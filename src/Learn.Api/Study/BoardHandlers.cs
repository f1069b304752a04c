using System.Security.Claims;
using Learn.Core.Auth;
using Learn.Core.Problems;
using Learn.Core.Study;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Learn.Api.Study;

public sealed record PersonPlaceItem(int Rank, long MemberId, string Name, string Organization, int Points);

public sealed record PeopleBoardResponse(string Period, PersonPlaceItem[] Top, PersonPlaceItem? Me, PersonPlaceItem[] AroundMe);

public sealed record BranchPlaceItem(int Rank, long OrganizationId, string Name, int TotalPoints, int MemberCount, double AveragePoints);

public sealed record BranchBoardResponse(string Period, string By, BranchPlaceItem[] Top, BranchPlaceItem? Mine);

/// <summary>Study boards: period = week | month | all (Asia/Shanghai; weeks start Monday).</summary>
internal static class BoardHandlers
{
    private const int AroundRadius = 2;

    public static async Task<Results<Ok<PeopleBoardResponse>, ProblemHttpResult>> GetPeople(ClaimsPrincipal user, StudyLeaderboards boards,
        [FromQuery] string? period, [FromQuery] int? top, CancellationToken ct)
    {
        if (!TryPeriod(period, out var p)) return BadPeriod();
        var board = await boards.PeopleAsync(user.RequiredMemberIdOf(), p, Math.Clamp(top ?? 20, 1, 100), AroundRadius, ct);
        static PersonPlaceItem Item(PersonPlace x) => new(x.Rank, x.MemberId, x.Name, x.OrganizationName, x.Points);
        return TypedResults.Ok(new PeopleBoardResponse(Code(p), [.. board.Top.Select(Item)], board.Me is null ? null : Item(board.Me),
            [.. board.AroundMe.Select(Item)]));
    }

    public static async Task<Results<Ok<BranchBoardResponse>, ProblemHttpResult>> GetBranches(ClaimsPrincipal user, StudyLeaderboards boards,
        [FromQuery] string? period, [FromQuery] string? by, [FromQuery] int? top, CancellationToken ct)
    {
        if (!TryPeriod(period, out var p)) return BadPeriod();
        if (!Enum.TryParse<BranchRanking>(by ?? "total", ignoreCase: true, out var ranking) || !Enum.IsDefined(ranking))
            return Problems.Validation("by", "排名方式须为 total（总分）或 average（人均）");
        var board = await boards.BranchesAsync(user.RequiredMemberIdOf(), p, ranking, Math.Clamp(top ?? 20, 1, 100), ct);
        static BranchPlaceItem Item(BranchPlace x) => new(x.Rank, x.OrganizationId, x.Name, x.TotalPoints, x.MemberCount, x.AveragePoints);
        return TypedResults.Ok(new BranchBoardResponse(Code(p), ranking.ToString().ToLowerInvariant(), [.. board.Top.Select(Item)],
            board.Mine is null ? null : Item(board.Mine)));
    }

    private static bool TryPeriod(string? value, out BoardPeriod period) =>
        Enum.TryParse(value ?? "week", ignoreCase: true, out period) && Enum.IsDefined(period) && !int.TryParse(value, out _);

    private static ProblemHttpResult BadPeriod() => Problems.Validation("period", "统计周期须为 week（本周）、month（本月）或 all（总榜）");

    private static string Code(BoardPeriod p) => p.ToString().ToLowerInvariant();
}
