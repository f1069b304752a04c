using System.Security.Claims;
using Learn.Core.Auth;
using Learn.Core.Contests;
using Learn.Core.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Memory;

namespace Learn.Api.Contests;

/// <summary>
/// Who may read a contest's boards, final results and live events: the members of its audience
/// (organisers read through Learn.Admin, scoped to their tree), unless the organiser marked the board
/// public — then anyone, without sign-in, as the big screen needs. The audience answer is held for
/// <see cref="Remembered"/> per (contest, member) in a bounded cache of this instance, so a board read stays one
/// Redis trip; a member who left the audience (moved, deactivated) may read for that long on an instance that
/// remembered them (docs/decisions/0307-board-reads-under-writes.md). The database is reached only on a miss.
/// </summary>
public sealed class ContestReaders(IServiceProvider services, ContestReaders.Remembering remembering)
{
    public static readonly TimeSpan Remembered = TimeSpan.FromSeconds(30);

    /// <summary>The per-instance answers, bounded: beyond <see cref="Capacity"/> a miss is asked again, never remembered.</summary>
    public sealed class Remembering : IDisposable
    {
        public const int Capacity = 200_000;
        internal MemoryCache Cache { get; } = new(new MemoryCacheOptions { SizeLimit = Capacity });
        public void Dispose() => Cache.Dispose();
    }

    /// <summary>Null when <paramref name="user"/> may read; else 401 (not signed in) or 404 (not in the audience, as if it did not exist).</summary>
    public async Task<ProblemHttpResult?> RefuseAsync(Contest contest, ClaimsPrincipal user, CancellationToken ct)
    {
        if (contest.PublicBoard) return null;
        if (user.MemberIdOf() is not { } memberId)
            return Problems.Of(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "请先登录", "该比赛的排行榜仅对参赛范围内的成员开放");
        var key = ("contest-reader", contest.Id, memberId);
        if (!remembering.Cache.TryGetValue(key, out bool allowed))
        {
            // Resolved only here: a remembered answer needs no database context at all.
            allowed = await services.GetRequiredService<Participation>().InAudienceAsync(contest, memberId, ct);
            remembering.Cache.Set(key, allowed, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Remembered });
        }
        return allowed ? null : Problems.NotFound("比赛不存在");
    }

    /// <summary>Public boards may sit in shared caches (CDN); audience-only ones only in the member's own.</summary>
    public static void Cache(HttpContext http, Contest contest, int seconds)
    {
        if (contest.PublicBoard) BoardCaching.Public(http, seconds);
        else BoardCaching.Private(http, seconds);
    }
}
