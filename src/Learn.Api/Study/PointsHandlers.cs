using System.Security.Claims;
using Learn.Core.Auth;
using Learn.Core.Study;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Learn.Api.Study;

internal static class PointsHandlers
{
    /// <summary>My total, today's points per kind against the caps, my streak, and my ledger newest first.</summary>
    public static async Task<Ok<PointsResponse>> GetPoints(ClaimsPrincipal user, StudyPointsQuery points,
        [FromQuery] int? page, [FromQuery] int? pageSize, CancellationToken ct)
    {
        var memberId = user.RequiredMemberIdOf();
        var summary = await points.SummaryAsync(memberId, ct);
        var ledger = await points.LedgerAsync(memberId, page, pageSize, ct);
        return TypedResults.Ok(new PointsResponse(summary.Total, summary.Today, summary.StreakDays, summary.LongestStreakDays,
            summary.StudiedToday,
            [.. summary.TodayByKind.Select(k => new PointsKindToday(k.Kind.Code(), k.Kind.Chinese(), k.Points, k.DailyCap))],
            PageResponse<LedgerLine>.Of(ledger, l => new LedgerLine(l.Id, l.Kind.Code(), l.Points, l.RequestedPoints, l.Reason, l.Day, l.OccurredAt))));
    }
}
