using Learn.Core.Contests;
using Learn.Core.Questions;

namespace Learn.Api.Contests;

/// <summary>
/// A question as a member sees it while answering: never the key or the explanation (those come
/// back in <see cref="AnswerResultPayload"/> once answered, or after the question closed). <see cref="Ticket"/> is
/// sent back with the answer (<see cref="AnswerTickets"/>).
/// </summary>
public sealed record QuestionPayload(int Seq, long QuestionId, string Kind, string Stem, IReadOnlyList<OptionPayload> Options,
    DateTime IssuedAt, DateTime Deadline, double SecondsLeft, string? Ticket = null)
{
    public static QuestionPayload Of(int seq, QuestionVersion v, DateTime issuedAt, DateTime deadline, DateTime now, string ticket) =>
        new(seq, v.Id, KindName(v.Kind), v.Stem, v.Options.Select((text, i) => new OptionPayload(((char)('A' + i)).ToString(), text)).ToList(),
            issuedAt, deadline, Math.Max(0, Math.Round((deadline - now).TotalSeconds, 1)), ticket);

    public static string KindName(QuestionKind kind) => kind switch
    {
        QuestionKind.Single => "single",
        QuestionKind.Multiple => "multiple",
        QuestionKind.TrueFalse => "true-false",
        _ => "fill-blank",
    };
}

public sealed record OptionPayload(string Label, string Text);

public sealed record AttemptPayload(long AttemptId, int Number, string Status, int QuestionCount, int AnsweredCount,
    int Score, int CorrectCount, long TotalMs, QuestionPayload? Current);

/// <summary>An answer; <see cref="Ticket"/> is the question's ticket as issued (optional: without it the server looks the question up).</summary>
/// <summary>
/// <see cref="Next"/>: a timed paper answered straight through asks for the next question in the same reply — it is issued
/// (its time starts) in the answer's own durable write, so the paper costs one request and one commit per question.
/// </summary>
public sealed record AnswerRequest(int Seq, string? RequestId, string? Answer, string? Ticket = null, bool? Next = null);

/// <summary>The result of an answer: correct count and score are separate figures.</summary>
/// <summary>
/// In a live round that is still open only Seq, Late and AttemptFinished are filled (Sealed = true): the key,
/// the explanation and the verdict (which a score would give away) come with live/rounds/{seq} once it closes.
/// </summary>
public sealed record AnswerResultPayload(int Seq, bool? Correct, bool Late, int? Points, string? CorrectAnswer, string? Explanation,
    int? Score, int? CorrectCount, long? TotalMs, bool AttemptFinished, bool Sealed = false, QuestionPayload? Next = null);

public sealed record ContestSummary(long Id, string Title, string Mode, DateTime StartsAt, DateTime EndsAt, string State);

public sealed record ContestDetail(long Id, string Title, string Description, string Mode, DateTime StartsAt, DateTime EndsAt, string State,
    int QuestionCount, int SecondsPerQuestion, int AttemptsPerDay, int AttemptsTotal, int PointsPerCorrect, int SpeedBonusMax,
    bool BoardHiddenUntilClose, string RankingRule)
{
    /// <summary>The tie-break rule as published on the contest page.</summary>
    public const string Rule = "排名规则：得分高者在前；得分相同，总答题用时少者在前；仍相同，先达到该得分者在前。答对题数单独显示，不影响排名。";
}

public static class ContestPayloadMapping
{
    public static string ModeName(ContestMode mode) => mode switch
    {
        ContestMode.Timed => "timed",
        ContestMode.Challenge => "challenge",
        _ => "live",
    };

    public static string StateAt(Contest c, DateTime now) =>
        c.ClosedAt is not null || now >= c.EndsAt ? "closed" : now < c.StartsAt ? "upcoming" : "open";

    public static ContestSummary Summary(Contest c, DateTime now) => new(c.Id, c.Title, ModeName(c.Mode), c.StartsAt, c.EndsAt, StateAt(c, now));

    public static ContestDetail Detail(Contest c, DateTime now) => new(c.Id, c.Title, c.Description, ModeName(c.Mode), c.StartsAt, c.EndsAt,
        StateAt(c, now), c.QuestionCount, c.SecondsPerQuestion, c.AttemptsPerDay, c.AttemptsTotal, c.PointsPerCorrect, c.SpeedBonusMax,
        c.HideBoardUntilClose, ContestDetail.Rule);
}
