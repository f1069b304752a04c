using Learn.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Bench;

/// <summary>
/// What only the benchmark maps (<c>Bench:Enabled=true</c>; never in production): the bare JSON POST ceiling,
/// the leaderboard done the plain-SQL way, and an echo of the load tool's <c>X-Bench-Id</c> request header on
/// the response, so wrk can tell which request an acknowledgement answers (wrk's Lua sees responses, not
/// connections) and keep per-answer books (docs/perf.md).
/// </summary>
public static class BenchApi
{
    public const string IdHeader = "X-Bench-Id";

    public sealed record Echo(int N, string? Text);
    public sealed record SqlRow(long MemberId, long Score, long TotalMs);
    public sealed record SqlBoard(IReadOnlyList<SqlRow> Top, long? MyRank);

    public static void MapBenchIfEnabled(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Bench:Enabled")) return;
        app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue(IdHeader, out var id))
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers[IdHeader] = id;
                    return Task.CompletedTask;
                });
            return next(context);
        });
        app.MapPost("/bench/echo", (Echo body) => TypedResults.Ok(new { ok = true, n = body.N + 1 })).ExcludeFromDescription();
        app.MapGet("/bench/sql-board", SqlBoardAsync).ExcludeFromDescription();
    }

    /// <summary>
    /// The honest plain-SQL board: per-participant totals kept in <c>bench_totals</c> (the bench seeds it; indexed on
    /// contest, score desc, time), top 100 by ORDER BY … LIMIT 100 and my rank by COUNT(*) of those ahead of me.
    /// </summary>
    private static async Task<Ok<SqlBoard>> SqlBoardAsync(long contestId, long memberId, LearnDbContext db, CancellationToken ct)
    {
        var top = await db.Database.SqlQuery<SqlRow>($"""
            SELECT member_id AS "MemberId", score AS "Score", total_ms AS "TotalMs" FROM bench_totals
            WHERE contest_id = {contestId} ORDER BY score DESC, total_ms, member_id LIMIT 100
            """).ToListAsync(ct);
        var rank = await db.Database.SqlQuery<long?>($"""
            SELECT (SELECT count(*) FROM bench_totals o WHERE o.contest_id = m.contest_id
                      AND (o.score > m.score OR (o.score = m.score AND o.total_ms < m.total_ms))) + 1 AS "Value"
            FROM bench_totals m WHERE m.contest_id = {contestId} AND m.member_id = {memberId}
            """).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(new SqlBoard(top, rank));
    }
}
