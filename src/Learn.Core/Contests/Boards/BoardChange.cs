namespace Learn.Core.Contests.Boards;

/// <summary>
/// One participant's counted result after a committed change, as the database returned it.
/// <see cref="Delta"/> is the score change the same UPDATE made (old value read inside it), so org
/// roll-ups add deltas that sum correctly whatever order instances apply them in.
/// </summary>
public sealed record BoardChange(long MemberId, string OrganizationPath, double Encoded, int CorrectCount, int Delta)
{
    /// <summary>A newly joined participant: counts for participation; <see cref="Name"/> is shown on the board.</summary>
    public bool Joined { get; init; }
    public string? Name { get; init; }
    public long OrganizationId { get; init; }
    /// <summary>The result no longer counts (voided): off the person board, out of the org figures.</summary>
    public bool Removed { get; init; }
}

/// <summary>A row of the person board.</summary>
public sealed record BoardRow(long Rank, long MemberId, string Name, long OrganizationId, int Score, int CorrectCount, long TotalMs);

/// <summary>A unit on the organisation board, rolled up over its whole subtree.</summary>
public sealed record OrgBoardRow(long OrganizationId, string Name, long TotalScore, long Participants, long Members,
    double AveragePerMember, double ParticipationRate);
