using System.Text.Json;
using Learn.Core.Redis;
using Learn.Core.WeChatEvents;
using StackExchange.Redis;

namespace Learn.Api.WeChat;

/// <summary>
/// A campaign makes WeChat push one report per message sent, in bursts. The endpoint only appends them
/// to a Redis stream shared by all instances (one XADD each, well under WeChat's 5 s); <see cref="DeliveryEventDrainer"/>
/// writes them to the database in batches. A batch read through the consumer group stays pending until
/// the drainer acknowledges it after the database commit: a drainer that dies in between leaves it to be
/// claimed again (<see cref="ClaimAbandonedAsync"/>), never lost. Repeats after such a crash are possible
/// (at least once); see docs/decisions/0410-delivery-reports-stream.md.
/// </summary>
public sealed class DeliveryEventBuffer(RedisStore redis)
{
    private const string Key = "wechat:delivery-stream";
    private const string LegacyListKey = "wechat:delivery-events"; // before 2026-12: a plain list
    private const string Group = "drainers";
    private const string Field = "row";

    /// <summary>This process's consumer name in the group.</summary>
    public string Consumer { get; } = Environment.MachineName + ":" + Environment.ProcessId + ":" + Guid.NewGuid().ToString("N")[..8];

    public async Task AddAsync(IReadOnlyList<WeChatDeliveryEvent> rows)
    {
        foreach (var row in rows) await redis.Database.StreamAddAsync(Key, Field, JsonSerializer.Serialize(row));
    }

    /// <summary>Creates the group (once) and moves reports a list-based version left behind into the stream.</summary>
    public async Task PrepareAsync()
    {
        var db = redis.Database;
        try { await db.StreamCreateConsumerGroupAsync(Key, Group, StreamPosition.Beginning, createStream: true); }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal)) { }
        while (await db.ListLeftPopAsync(LegacyListKey) is { IsNull: false } legacy)
            await db.StreamAddAsync(Key, Field, legacy);
    }

    /// <summary>Up to <paramref name="max"/> new reports for this consumer; they stay pending until <see cref="AcknowledgeAsync"/>.</summary>
    public async Task<Batch> TakeAsync(int max) =>
        Read(await redis.Database.StreamReadGroupAsync(Key, Group, Consumer, StreamPosition.NewMessages, max));

    /// <summary>Reports another consumer (or this one) read but never acknowledged within <paramref name="idle"/>: a crash or a failed write.</summary>
    public async Task<Batch> ClaimAbandonedAsync(TimeSpan idle, int max)
    {
        var claimed = await redis.Database.StreamAutoClaimAsync(Key, Group, Consumer, (long)idle.TotalMilliseconds, "0-0", max);
        return Read(claimed.ClaimedEntries);
    }

    /// <summary>The batch is in the database: forget it.</summary>
    public async Task AcknowledgeAsync(Batch batch)
    {
        if (batch.Ids.Length == 0) return;
        await redis.Database.StreamAcknowledgeAsync(Key, Group, batch.Ids);
        await redis.Database.StreamDeleteAsync(Key, batch.Ids);
    }

    /// <summary>Reports not yet in the database (waiting or pending).</summary>
    public Task<long> CountAsync() => redis.Database.StreamLengthAsync(Key);

    private static Batch Read(StreamEntry[] entries) => new(
        [.. entries.Select(e => e.Id)],
        [.. entries.Where(e => !e.IsNull && !e[Field].IsNull).Select(e => JsonSerializer.Deserialize<WeChatDeliveryEvent>((string)e[Field]!)!)]);

    /// <summary>Stream entry ids and the rows they carry.</summary>
    public sealed record Batch(RedisValue[] Ids, List<WeChatDeliveryEvent> Rows);
}
