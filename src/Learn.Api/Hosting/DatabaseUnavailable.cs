using System.Data.Common;
using System.Net.Sockets;
using Learn.Core.Problems;

namespace Learn.Api.Hosting;

/// <summary>
/// PostgreSQL down (stopped, restarting, unreachable) is a 503 problem with <c>Retry-After</c>, never a
/// 500: the client may simply try again, and nothing was acknowledged (docs/decisions/0306). Npgsql's pool
/// reconnects by itself once the server is back, so service resumes without a restart.
/// </summary>
public static class DatabaseUnavailable
{
    public const string RetryAfterSeconds = "2";

    public static IApplicationBuilder UseDatabaseUnavailable(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        try
        {
            await next(http);
        }
        catch (Exception ex) when (IsDatabaseDown(ex) && !http.Response.HasStarted)
        {
            http.Response.Clear();
            http.Response.Headers.RetryAfter = RetryAfterSeconds;
            await Problems.Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.Unavailable, "服务暂时不可用，请稍后重试").ExecuteAsync(http);
        }
    });

    /// <summary>A database error anywhere in the chain (EF wraps provider errors in its own exceptions).</summary>
    public static bool IsDatabaseDown(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
            if (e is DbException or SocketException or TimeoutException) return true;
        return false;
    }
}
