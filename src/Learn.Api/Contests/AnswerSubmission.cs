using Learn.Core.Contests;

namespace Learn.Api.Contests;

/// <summary>
/// An answer as received: the server's receive time is what lateness is judged by. <see cref="Ticket"/> is what
/// the verified ticket says was issued (no look-up then); null for clients that send none. <see cref="IssueNext"/>: issue the
/// paper's next question in the same write (a timed paper answered straight through; see <see cref="AnswerRequest.Next"/>).
/// </summary>
public sealed record AnswerSubmission(long MemberId, long ContestId, long AttemptId, int Seq, string RequestId, string Response, DateTime ReceivedAt,
    AnswerTickets.Issued? Ticket = null, bool IssueNext = false);

public enum AnswerStatus
{
    /// <summary>Stored now.</summary>
    Accepted,
    /// <summary>The same request id was stored before: the first result again.</summary>
    Repeated,
    /// <summary>A different answer to this question was stored before: refused.</summary>
    Conflict,
    /// <summary>No such question given to this member in this attempt.</summary>
    NotFound,
    /// <summary>Over the member's answer rate limit: not looked at; retry after <see cref="AnswerOutcome.RetryAfterMs"/>.</summary>
    RateLimited,
    /// <summary>The contest was closed (early or at its end) before this answer was stored: not stored, not counted.</summary>
    Closed,
}

/// <summary>What happened to an answer, and the attempt's totals after it.</summary>
public sealed record AnswerOutcome(AnswerStatus Status, long QuestionVersionId = 0, bool IsCorrect = false, bool IsLate = false,
    int Points = 0, int Score = 0, int CorrectCount = 0, long TotalMs = 0, bool AttemptFinished = false, long RetryAfterMs = 0,
    DateTime? SealedUntil = null, NextQuestion? Next = null)
{
    public static readonly AnswerOutcome Closed = new(AnswerStatus.Closed);
    public static readonly AnswerOutcome NotFound = new(AnswerStatus.NotFound);
    public static readonly AnswerOutcome Conflict = new(AnswerStatus.Conflict);
}

/// <summary>The paper's next question as the answer's write issued it (or found it already issued and still running).</summary>
public sealed record NextQuestion(int Seq, long VersionId, DateTime IssuedAt, DateTime Deadline);
