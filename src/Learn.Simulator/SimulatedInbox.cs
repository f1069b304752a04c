using Microsoft.Extensions.Options;

namespace Learn.Simulator;

/// <summary>One message Learn sent to "WeChat".</summary>
public sealed record SimulatedMessage(long MsgId, DateTimeOffset ReceivedAt, string Kind, string AppId, string ToUser,
    string TemplateId, string? Page, IReadOnlyDictionary<string, string> Data);

/// <summary>
/// Every message Learn.Jobs sent, newest last, in memory: the simulator is a demo aid, and a restart of
/// <c>./learn.sh run</c> starting with an empty inbox is what a person trying the product expects.
/// </summary>
public sealed class SimulatedInbox(IOptions<SimulatorOptions> options, TimeProvider clock, ILogger<SimulatedInbox> log)
{
    private readonly LinkedList<SimulatedMessage> _messages = new();
    private readonly Lock _lock = new();
    private long _nextId = 1_000_000;

    public SimulatedMessage Add(string kind, string appId, string toUser, string templateId, string? page, IReadOnlyDictionary<string, string> data)
    {
        var message = new SimulatedMessage(Interlocked.Increment(ref _nextId), clock.GetUtcNow(), kind, appId, toUser, templateId, page, data);
        lock (_lock)
        {
            _messages.AddLast(message);
            while (_messages.Count > options.Value.InboxCapacity) _messages.RemoveFirst();
        }
        log.LogInformation("演示模式：收到{Kind} {Template} → {ToUser}", kind, templateId, toUser);
        return message;
    }

    /// <summary>Newest first, optionally to one openid.</summary>
    public (int Total, IReadOnlyList<SimulatedMessage> Page) Newest(string? toUser, int skip, int take)
    {
        lock (_lock)
        {
            var matching = _messages.Reverse().Where(m => toUser is null || m.ToUser == toUser).ToList();
            return (matching.Count, matching.Skip(skip).Take(take).ToList());
        }
    }
}

public static class SimulatedInboxApi
{
    /// <summary><c>GET /simulator/inbox?touser=&amp;skip=&amp;take=</c>: what the admin site's 模拟微信消息 page and the member page read.</summary>
    public static void MapSimulatedInbox(this WebApplication app) =>
        app.MapGet("/simulator/inbox", (SimulatedInbox inbox, string? touser, int? skip, int? take) =>
        {
            var (total, page) = inbox.Newest(touser, Math.Max(0, skip ?? 0), Math.Clamp(take ?? 50, 1, 500));
            return TypedResults.Ok(new { total, messages = page });
        });
}
