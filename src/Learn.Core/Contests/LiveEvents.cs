using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Learn.Core.Contests.Boards;
using Learn.Core.Redis;
using StackExchange.Redis;

namespace Learn.Core.Contests;

/// <summary>Relays a contest's live-round events from Redis pub/sub to one listener (an SSE connection).</summary>
public sealed class LiveEvents(RedisStore redis)
{
    public async IAsyncEnumerable<LiveEvent> SubscribeAsync(long contestId, [EnumeratorCancellation] CancellationToken ct)
    {
        var inbox = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
        var channel = redis.Channel(BoardKeys.LiveChannel(contestId));
        // A ChannelMessageQueue hands messages over one at a time in publish order (3.x has no
        // PreserveAsyncOrder): a "question" event never overtakes the "closed" before it.
        var queue = await redis.Subscriber.SubscribeAsync(channel);
        queue.OnMessage(message =>
        {
            if (JsonSerializer.Deserialize<LiveEvent>((string)message.Message!) is { } e) inbox.Writer.TryWrite(e);
        });
        try
        {
            yield return new LiveEvent("subscribed", 0, null);
            while (await inbox.Reader.WaitToReadAsync(ct))
                while (inbox.Reader.TryRead(out var e)) yield return e;
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }
}
