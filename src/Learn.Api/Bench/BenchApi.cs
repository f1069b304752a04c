using Learn.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Bench;

/// <summary>
/// Endpoints only the benchmark maps (<c>Bench:Enabled=true</c>; never in production): the bare
/// JSON POST ceiling, and the leaderboard done the plain-SQL way (aggregating the answers table).
/// </summary>
public static class BenchApi
{
    public sealed record Echo(int N, string? Text);
    public sealed record SqlRow(long MemberId, long Score, long TotalMs);
    public sealed record SqlBoard(IReadOnlyList<SqlRow> Top, long? MyRank);

    public static void MapBenchIfEnabled(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Bench:Enabled")) return;
        app.MapPost("/bench/echo", (Echo body) => TypedResults.Ok(new { ok = true, n = body.N + 1 })).ExcludeFromDescription();
        app.MapGet("/bench/sql-board", SqlBoardAsync).ExcludeFromDescription();
    }

    private static async Task<Ok<SqlBoard>> SqlBoardAsync(long contestId, long memberId, LearnDbContext db, CancellationToken ct)
    {
        var totals = db.Set<Learn.Core.Contests.ContestAnswer>().Where(a => a.ContestId == contestId)
            .GroupBy(a => a.MemberId)
            .Select(g => new { MemberId = g.Key, Score = g.Sum(a => (long)a.Points), TotalMs = g.Sum(a => a.ElapsedMs) });
        var top = await totals.OrderByDescending(t => t.Score).ThenBy(t => t.TotalMs).ThenBy(t => t.MemberId).Take(100)
            .Select(t => new SqlRow(t.MemberId, t.Score, t.TotalMs)).ToListAsync(ct);
        var mine = await totals.Where(t => t.MemberId == memberId).FirstOrDefaultAsync(ct);
        long? rank = mine is null ? null
            : await totals.CountAsync(t => t.Score > mine.Score || (t.Score == mine.Score && t.TotalMs < mine.TotalMs), ct) + 1;
        return TypedResults.Ok(new SqlBoard(top, rank));
    }
}
