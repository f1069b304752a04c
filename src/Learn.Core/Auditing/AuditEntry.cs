namespace Learn.Core.Auditing;

/// <summary>
/// One change made by a person, append-only: who, what, when, and the entity before and after
/// (as JSON), so an organiser can answer "who changed this member's branch, and from what".
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime OccurredAt { get; set; }
    public AuditActorKind ActorKind { get; set; }
    public long? ActorId { get; set; }
    public required string ActorName { get; set; }

    /// <summary>Stable machine name of the action, e.g. <c>member.transfer</c>.</summary>
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }

    /// <summary>Organisation the change belongs to, so audit views can be scoped like everything else.</summary>
    public string? OrganizationPath { get; set; }

    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Reason { get; set; }
    public string? ClientIp { get; set; }
}

public enum AuditActorKind
{
    Organizer,
    Member,
    System,
}
