using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Learn.Core.Data;
using Microsoft.AspNetCore.Http;

namespace Learn.Core.Auditing;

/// <summary>Who is acting, for the audit log.</summary>
public sealed record AuditActor(AuditActorKind Kind, long? Id, string Name, string? ClientIp = null)
{
    public static AuditActor System { get; } = new(AuditActorKind.System, null, "系统");
}

/// <summary>
/// Adds audit entries to the caller's <see cref="LearnDbContext"/> without saving, so the entry
/// commits in the same transaction as the change it describes (never one without the other).
/// An entry made while serving a request carries the client's address when the actor does not name one
/// (members binding through the Mini Program): behind nginx that is the forwarded address of the member,
/// believed only from <c>ReverseProxy:KnownProxies</c>.
/// </summary>
public sealed class Auditor(LearnDbContext db, TimeProvider clock, IHttpContextAccessor? http = null)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), // keep Chinese readable in the log
    };

    public AuditEntry Record(AuditActor actor, string action, string entityType, object? entityId,
        object? before = null, object? after = null, string? organizationPath = null, string? reason = null)
    {
        var entry = new AuditEntry
        {
            OccurredAt = clock.GetUtcNow().UtcDateTime,
            ActorKind = actor.Kind,
            ActorId = actor.Id,
            ActorName = actor.Name,
            ClientIp = actor.ClientIp ?? http?.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            Action = action,
            EntityType = entityType,
            EntityId = entityId?.ToString(),
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
            OrganizationPath = organizationPath,
            Reason = reason,
        };
        db.AuditLog.Add(entry);
        return entry;
    }
}
