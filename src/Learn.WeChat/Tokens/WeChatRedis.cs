using StackExchange.Redis;

namespace Learn.WeChat.Tokens;

/// <summary>
/// The Redis database this library keeps its shared state in (tokens, tickets, locks, push de-duplication).
/// The host supplies it, usually already key-prefixed, so this library owns no connection of its own.
/// </summary>
public sealed class WeChatRedis(Func<IDatabase> database)
{
    /// <summary>The database (resolved on each use so a lazily connected multiplexer stays lazy).</summary>
    public IDatabase Database => database();
}
