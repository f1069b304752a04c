using Learn.Core.Questions;

namespace Learn.Core.Study.Practice;

/// <summary>Today's practice as the member sees it: questions without keys until answered.</summary>
public sealed record PracticeView(DateOnly Day, IReadOnlyList<PracticeQuestionView> Questions, int PointsPerCorrect,
    int QuizPointsToday, int QuizDailyCap)
{
    public int AnsweredCount => Questions.Count(q => q.Answer is not null);
    public int CorrectCount => Questions.Count(q => q.Answer?.Correct == true);
}

/// <summary>One question; <see cref="Answer"/> (with the key and the explanation) only once the member answered it.</summary>
public sealed record PracticeQuestionView(int Seq, QuestionKind Kind, string Stem, IReadOnlyList<string> Options, PracticeAnswerView? Answer);

public sealed record PracticeAnswerView(string Response, bool Correct, string AnswerKey, string Explanation, int PointsAwarded);

public enum PracticeAnswerOutcome
{
    Answered,
    /// <summary>No practice today yet, or no question with that number in it.</summary>
    NotFound,
    /// <summary>The response is not a possible answer to this kind of question (e.g. "G" or "对错").</summary>
    InvalidResponse,
}

/// <summary>
/// The answer that counts (the first one) and what it earned. <see cref="NewlyAnswered"/> is false when this
/// request repeated an earlier answer: then nothing was awarded again.
/// </summary>
public sealed record PracticeAnswerResult(PracticeAnswerOutcome Outcome, PracticeQuestionView? Question = null,
    bool NewlyAnswered = false, bool Capped = false);
