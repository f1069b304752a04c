namespace Learn.Core.Organizations;

/// <summary>One node of the Party organisation tree (机关党委 → 党总支 → 党支部 → 党小组).</summary>
public class Organization
{
    public long Id { get; set; }
    public long? ParentId { get; set; }
    public Organization? Parent { get; set; }
    public required string Name { get; set; }
    public OrganizationKind Kind { get; set; }

    /// <summary>
    /// Materialised path of ids, e.g. <c>/1/4/17/</c>. Scope checks are a prefix match on it, so
    /// "is this member inside my subtree" is one indexed comparison instead of a recursive query.
    /// </summary>
    public string Path { get; set; } = "/";

    public int SortOrder { get; set; }

    /// <summary>Start of the organisation's current term (届期), for 换届 reminders.</summary>
    public DateOnly? TermStart { get; set; }

    /// <summary>End of the current term; reminders go out before it.</summary>
    public DateOnly? TermEnd { get; set; }

    public DateTime CreatedAt { get; set; }

    public bool IsWithin(string scopePath) => Subtree.Contains(scopePath, Path);
}
