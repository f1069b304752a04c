namespace Learn.Core.Contests.Boards;

/// <summary>
/// One participant's counted result after a committed change, as the database returned it. The live apply script
/// works from absolute values and <see cref="Version"/> (the org roll-ups move by the difference to what the board
/// shows, ADR 0314); <see cref="Delta"/> (the score change the same UPDATE made) serves the rebuild's drain.
/// </summary>
public sealed record BoardChange(long MemberId, string OrganizationPath, double Encoded, int CorrectCount, int Delta)
{
    /// <summary>A newly joined participant: counts for participation; <see cref="Name"/> is shown on the board.</summary>
    public bool Joined { get; init; }
    public string? Name { get; init; }
    public long OrganizationId { get; init; }
    /// <summary>The result no longer counts (voided): off the person board, out of the org figures.</summary>
    public bool Removed { get; init; }
    /// <summary>contest_entries.board_version after the change (0 at joining): the board applies a change only when newer than what it shows.</summary>
    public int Version { get; init; }
}

/// <summary>A row of the person board.</summary>
public sealed record BoardRow(long Rank, long MemberId, string Name, long OrganizationId, int Score, int CorrectCount, long TotalMs);

/// <summary>A unit on the organisation board, rolled up over its whole subtree.</summary>
public sealed record OrgBoardRow(long OrganizationId, string Name, long TotalScore, long Participants, long Members,
    double AveragePerMember, double ParticipationRate);
