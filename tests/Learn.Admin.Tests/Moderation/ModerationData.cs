using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Organizations;
using Learn.Core.Questions;

namespace Learn.Admin.Tests.Moderation;

/// <summary>Rows the moderation tests start from, written the way the bank and the contest services leave them.</summary>
internal static class ModerationData
{
    public static async Task<QuestionVersion> AddQuestionAsync(this LearnDbContext db, string stem, DateTime now)
    {
        var question = new Question { Kind = QuestionKind.Single, Tags = "|党史|", Difficulty = Difficulty.Easy, VersionNo = 1, CreatedAt = now, UpdatedAt = now };
        db.Add(question);
        await db.SaveChangesAsync();
        var version = new QuestionVersion
        {
            QuestionId = question.Id, VersionNo = 1, Kind = QuestionKind.Single, Stem = stem, OptionsJson = "[\"1919年\",\"1921年\",\"1927年\",\"1949年\"]",
            AnswerKey = "B", Explanation = "中共一大于1921年召开", Difficulty = Difficulty.Easy, Tags = "|党史|", CreatedAt = now,
        };
        db.Add(version);
        await db.SaveChangesAsync();
        question.CurrentVersionId = version.Id;
        await db.SaveChangesAsync();
        return version;
    }

    public static async Task<Contest> AddContestAsync(this LearnDbContext db, string title, Organization owner, Organization audience, DateTime now,
        bool publicBoard = false)
    {
        var contest = new Contest
        {
            Title = title, Mode = ContestMode.Timed, StartsAt = now.AddDays(-2), EndsAt = now.AddDays(1), OrganizationId = owner.Id,
            OrganizationPath = owner.Path, AudiencePaths = "|" + audience.Path + "|", EasyCount = 5, MinHumanMs = 800, PublicBoard = publicBoard, CreatedAt = now,
        };
        db.Add(contest);
        await db.SaveChangesAsync();
        return contest;
    }

    public static QuestionReport Report(long contestId, QuestionVersion version, long memberId, string note, DateTime at) => new()
    {
        QuestionId = version.QuestionId, QuestionVersionId = version.Id, MemberId = memberId, ContestId = contestId, Note = note,
        Status = QuestionReportStatus.Open, CreatedAt = at,
    };
}
