namespace Learn.Core.Contests;

/// <summary>Stable problem types of the contest feature (see <see cref="Problems.ProblemTypes"/>).</summary>
public static class ContestProblems
{
    private const string Prefix = "urn:learn:problem:";
    public const string NotOpen = Prefix + "contest-not-open";
    public const string Closed = Prefix + "contest-closed";
    public const string NotInAudience = Prefix + "contest-not-in-audience";
    public const string AttemptLimit = Prefix + "contest-attempt-limit";
    public const string AnswerConflict = Prefix + "contest-answer-conflict";
    public const string OtherIdentity = Prefix + "contest-other-identity";
    public const string BoardHidden = Prefix + "contest-board-hidden";
    public const string WrongMode = Prefix + "contest-wrong-mode";
    public const string QuestionOpen = Prefix + "contest-question-open";
    public const string PoolTooSmall = Prefix + "contest-pool-too-small";
    /// <summary>An answer's ticket is not the one issued for this member's question (forged, altered or someone else's).</summary>
    public const string TicketInvalid = Prefix + "contest-ticket-invalid";
}
