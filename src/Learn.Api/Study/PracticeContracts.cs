using Learn.Api.Contests;
using Learn.Core.Study.Practice;

namespace Learn.Api.Study;

/// <summary>
/// 每日答题: today's questions. <c>answer</c> is null until the member answered that question; only then does it
/// carry the key and the explanation. <c>quizPointsToday</c> / <c>quizDailyCap</c> are the 答题 points against the cap.
/// </summary>
public sealed record PracticeResponse(DateOnly Date, PracticeQuestionItem[] Questions, int AnsweredCount, int CorrectCount,
    int PointsPerCorrect, int QuizPointsToday, int QuizDailyCap, string? EmptyMessage)
{
    public static PracticeResponse Of(PracticeView v) => new(v.Day, [.. v.Questions.Select(PracticeQuestionItem.Of)], v.AnsweredCount,
        v.CorrectCount, v.PointsPerCorrect, v.QuizPointsToday, v.QuizDailyCap, v.Questions.Count == 0 ? "题库里还没有可练习的题目，明天再来吧。" : null);
}

/// <summary><c>kind</c>: single / multiple / true-false / fill-blank. Options are lettered A, B, … in order.</summary>
public sealed record PracticeQuestionItem(int Seq, string Kind, string Stem, OptionPayload[] Options, PracticeAnswerItem? Answer)
{
    // Kind names and option labels as in contests (one vocabulary for the Mini Program).
    public static PracticeQuestionItem Of(PracticeQuestionView q) => new(q.Seq, QuestionPayload.KindName(q.Kind), q.Stem,
        [.. q.Options.Select((text, i) => new OptionPayload(((char)('A' + i)).ToString(), text))],
        q.Answer is { } a ? new PracticeAnswerItem(a.Response, a.Correct, a.AnswerKey, a.Explanation, a.PointsAwarded) : null);
}

/// <summary>My answer (the first one counts), whether it was right, the key, the explanation and the points it earned.</summary>
public sealed record PracticeAnswerItem(string Response, bool Correct, string AnswerKey, string Explanation, int PointsAwarded);

/// <summary>Letters for choice questions (<c>A</c>, <c>ACD</c>), 正确/错误 (or 对/错) for true/false, the text for fill-in.</summary>
public sealed record PracticeAnswerRequest(string? Response);

/// <summary>
/// The graded question. <c>newlyAnswered</c> false: this repeated an earlier answer, which stands and earned nothing
/// again. <c>dailyCapReached</c>: correct, but today's 答题 points were already at the cap.
/// </summary>
public sealed record PracticeAnswerResponse(PracticeQuestionItem Question, bool NewlyAnswered, bool DailyCapReached, string Message);
