using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Learn.Core.Redis;
using StackExchange.Redis;

namespace Learn.Core.Contests.Boards;

/// <summary>
/// Top-N snapshots whenever the board changes (any instance publishes on Redis), at most one per
/// <paramref name="interval"/>: for the admin big screen's server-sent events.
/// </summary>
public sealed class BoardStream(RedisStore redis, ContestBoard board)
{
    public async IAsyncEnumerable<IReadOnlyList<BoardRow>> TopAsync(long contestId, int top, TimeSpan interval,
        [EnumeratorCancellation] CancellationToken ct)
    {
        // Capacity 1, drop the rest: changes during one interval coalesce into one snapshot.
        var signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var channel = redis.Channel(BoardKeys.ChangedChannel(contestId));
        var queue = await redis.Subscriber.SubscribeAsync(channel);
        queue.OnMessage(_ => signal.Writer.TryWrite(true));
        try
        {
            yield return await board.TopAsync(contestId, top, ct, allowSnapshot: false);
            while (await signal.Reader.WaitToReadAsync(ct))
            {
                signal.Reader.TryRead(out _);
                yield return await board.TopAsync(contestId, top, ct, allowSnapshot: false);
                await Task.Delay(interval, ct);
            }
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }
}
