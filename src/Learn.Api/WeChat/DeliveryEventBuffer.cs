using System.Text.Json;
using Learn.Core.Redis;
using Learn.Core.WeChatEvents;
using StackExchange.Redis;

namespace Learn.Api.WeChat;

/// <summary>
/// A campaign makes WeChat push one report per message sent, in bursts. The endpoint only appends them
/// to a Redis list shared by all instances (one RPUSH, well under WeChat's 5 s); <see cref="DeliveryEventDrainer"/>
/// writes them to the database in batches.
/// </summary>
public sealed class DeliveryEventBuffer(RedisStore redis)
{
    private const string Key = "wechat:delivery-events";

    public Task AddAsync(IReadOnlyList<WeChatDeliveryEvent> rows)
        => redis.Database.ListRightPushAsync(Key, [.. rows.Select(r => (RedisValue)JsonSerializer.Serialize(r))]);

    /// <summary>Removes and returns up to <paramref name="max"/> of the oldest rows, atomically across instances.</summary>
    public async Task<List<WeChatDeliveryEvent>> TakeAsync(int max)
    {
        var tx = redis.Database.CreateTransaction();
        var range = tx.ListRangeAsync(Key, 0, max - 1);
        _ = tx.ListTrimAsync(Key, max, -1);
        await tx.ExecuteAsync();
        return [.. (await range).Select(v => JsonSerializer.Deserialize<WeChatDeliveryEvent>((string)v!)!)];
    }

    /// <summary>Puts rows back at the head after a failed write, so the next round retries them.</summary>
    public Task ReturnAsync(IReadOnlyList<WeChatDeliveryEvent> rows)
    {
        if (rows.Count == 0) return Task.CompletedTask;
        foreach (var r in rows) r.Id = 0; // never re-insert with a key a failed attempt may have assigned
        return redis.Database.ListLeftPushAsync(Key, [.. rows.Reverse().Select(r => (RedisValue)JsonSerializer.Serialize(r))]);
    }

    /// <summary>Rows waiting to be written.</summary>
    public Task<long> CountAsync() => redis.Database.ListLengthAsync(Key);
}
