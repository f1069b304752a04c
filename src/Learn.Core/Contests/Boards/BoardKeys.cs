using StackExchange.Redis;

namespace Learn.Core.Contests.Boards;

/// <summary>
/// Redis keys of one contest (all carry the environment prefix via RedisStore). Every key and channel of a
/// contest starts with <see cref="Tag"/>, one Redis Cluster hash tag, so the multi-key board, rebuild and
/// rate-limit scripts stay in one slot and a cluster spreads contests, not one contest, across shards
/// (docs/decisions/0308-redis-cluster-hash-tags.md). Name new contest keys here, through <see cref="Of"/>.
/// </summary>
public static class BoardKeys
{
    /// <summary>"{c:42}": only the part between the braces decides the slot, so the prefix before it does not matter.</summary>
    public static string Tag(long c) => "{c:" + c.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";

    /// <summary>A key (or channel) of contest <paramref name="c"/>: "contest:{c:42}:" + <paramref name="name"/>.</summary>
    public static string Of(long c, string name) => "contest:" + Tag(c) + ":" + name;

    /// <summary>
    /// "ready" or "rebuilding"; missing = Redis lost the board, rebuild from the database. Named per board format
    /// ("v2": correct counts packed, ADR 0312; "v3": entry versions beside them, ADR 0314), so boards an earlier version
    /// built look missing and are rebuilt.
    /// </summary>
    public static RedisKey State(long c) => Of(c, "board:state:v3");
    public static RedisKey Persons(long c) => Of(c, "board:persons");
    /// <summary>
    /// Correct counts and entry versions, 64 members per field (<see cref="BoardCorrect"/>). Earlier formats: "board:correct"
    /// (one field per member), "board:correct64" (counts only).
    /// </summary>
    public static RedisKey Correct(long c) => Of(c, "board:slots64");
    public static RedisKey Names(long c) => Of(c, "board:names");
    public static RedisKey OrgTotal(long c) => Of(c, "board:org-total");
    public static RedisKey OrgParticipants(long c) => Of(c, "board:org-part");
    public static RedisKey OrgMembers(long c) => Of(c, "board:org-members");
    /// <summary>Members whose result changed while a rebuild was running; the rebuild re-reads them.</summary>
    public static RedisKey Pending(long c) => Of(c, "board:pending");
    public static RedisKey Lock(long c) => Of(c, "board:lock");
    /// <summary>
    /// Members whose result was voided: later changes of theirs (queued on an instance before the void, or answers
    /// after it) never reach the board. Not in <see cref="All"/>: a rebuild keeps it, and restores it from the database when
    /// Redis lost it (BoardRebuilder.Voided.cs; docs/decisions/0307).
    /// </summary>
    public static RedisKey Voided(long c) => Of(c, "board:voided");

    public static RedisKey[] All(long c) =>
        [State(c), Persons(c), Correct(c), Names(c), OrgTotal(c), OrgParticipants(c), OrgMembers(c), Pending(c)];

    public static string ChangedChannel(long c) => Of(c, "board-changed");
    public static string LiveChannel(long c) => Of(c, "live");

    public const string Ready = "ready";
    public const string Rebuilding = "rebuilding";

    /// <summary>Organisation ids on a path: "/1/4/17/" → 1, 4, 17 (a unit's figures include all branches below).</summary>
    public static IEnumerable<long> Ancestors(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse);
}
