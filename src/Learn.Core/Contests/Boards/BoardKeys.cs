using StackExchange.Redis;

namespace Learn.Core.Contests.Boards;

/// <summary>Redis keys of one contest's boards (all carry the environment prefix via RedisStore).</summary>
public static class BoardKeys
{
    /// <summary>"ready" or "rebuilding"; missing = Redis lost the board, rebuild from the database.</summary>
    public static RedisKey State(long c) => $"contest:{c}:board:state";
    public static RedisKey Persons(long c) => $"contest:{c}:board:persons";
    public static RedisKey Correct(long c) => $"contest:{c}:board:correct";
    public static RedisKey Names(long c) => $"contest:{c}:board:names";
    public static RedisKey OrgTotal(long c) => $"contest:{c}:board:org-total";
    public static RedisKey OrgParticipants(long c) => $"contest:{c}:board:org-part";
    public static RedisKey OrgMembers(long c) => $"contest:{c}:board:org-members";
    /// <summary>Members whose result changed while a rebuild was running; the rebuild re-reads them.</summary>
    public static RedisKey Pending(long c) => $"contest:{c}:board:pending";
    public static RedisKey Lock(long c) => $"contest:{c}:board:lock";

    public static RedisKey[] All(long c) =>
        [State(c), Persons(c), Correct(c), Names(c), OrgTotal(c), OrgParticipants(c), OrgMembers(c), Pending(c)];

    public static string ChangedChannel(long c) => $"contest:{c}:board-changed";
    public static string LiveChannel(long c) => $"contest:{c}:live";

    public const string Ready = "ready";
    public const string Rebuilding = "rebuilding";

    /// <summary>Organisation ids on a path: "/1/4/17/" → 1, 4, 17 (a unit's figures include all branches below).</summary>
    public static IEnumerable<long> Ancestors(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse);
}
