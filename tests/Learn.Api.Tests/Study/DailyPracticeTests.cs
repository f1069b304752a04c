using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Learn.Api.Study;
using Learn.Api.Tests.Contests;
using Learn.Core.Questions;
using Learn.Core.Study;
using Learn.Core.Study.Practice;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Tests.Study;

/// <summary>每日答题 through HTTP: a daily set from the configured categories, keys only after answering, Quiz points once and capped.</summary>
public class DailyPracticeTests(DailyPracticeTests.PracticeFactory factory) : IClassFixture<DailyPracticeTests.PracticeFactory>
{
    /// <summary>3 questions a day from 党史 only, 4 points per correct answer, at most 10 答题 points a day.</summary>
    public sealed class PracticeFactory : StudyFactory
    {
        protected override void ConfigureSettings(IDictionary<string, string?> settings)
        {
            settings["Study:Practice:QuestionCount"] = "3";
            settings["Study:Practice:Categories:0"] = "党史";
            settings["Study:Practice:PointsPerCorrect"] = "4";
            settings["Study:DailyCaps:Quiz"] = "10";
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            (await this.ImportAsync(ContestKit.BankCsv(4, "党史") + ContestKit.BankCsv(2, "党章").Split('\n', 2)[1])).Committed.ShouldBeTrue();
        }
    }

    private const string Url = "/api/study/practice";

    private static Task<HttpResponseMessage> AnswerAsync(HttpClient client, int seq, string? response) =>
        client.PostAsJsonAsync($"{Url}/questions/{seq}/answer", new PracticeAnswerRequest(response));

    private static async Task<PracticeAnswerResponse> AnsweredAsync(HttpClient client, int seq, string response)
    {
        var reply = await AnswerAsync(client, seq, response);
        reply.StatusCode.ShouldBe(HttpStatusCode.OK, await reply.Content.ReadAsStringAsync());
        return (await reply.Content.ReadFromJsonAsync<PracticeAnswerResponse>())!;
    }

    /// <summary>The keys of the member's practice of the day, by seq, read from the bank (what the member cannot see).</summary>
    private Task<Dictionary<int, string>> KeysAsync(long memberId, DateOnly day) => factory.WithDbAsync(db =>
        (from s in db.Set<PracticeSession>() where s.MemberId == memberId && s.Day == day
         join i in db.Set<PracticeItem>() on s.Id equals i.SessionId
         join v in db.Set<QuestionVersion>() on i.QuestionVersionId equals v.Id
         select new { i.Seq, v.AnswerKey }).ToDictionaryAsync(x => x.Seq, x => x.AnswerKey));

    private static string Wrong(string key) => key == "A" ? "B" : "A";

    [Fact]
    public async Task A_member_gets_one_set_a_day_from_the_configured_categories_without_keys_until_answered()
    {
        factory.Clock.SetShanghai(2026, 12, 3, 23, 50);
        var member = await factory.AddMemberAsync(factory.Tree.BranchA);
        var client = await factory.MemberClientAsync(member.Id);

        var raw = await client.GetStringAsync(Url);
        var today = JsonSerializer.Deserialize<PracticeResponse>(raw, JsonSerializerOptions.Web)!;
        today.Date.ShouldBe(new DateOnly(2026, 12, 3));
        today.Questions.Select(q => q.Seq).ShouldBe([1, 2, 3]);
        today.Questions.ShouldAllBe(q => q.Stem.StartsWith("党史测试题", StringComparison.Ordinal) && q.Answer == null && q.Kind == "single" && q.Options.Length == 4);
        raw.ShouldNotContain("解析");
        raw.ShouldNotContain("answerKey");
        (await client.GetJsonAsync<PracticeResponse>(Url)).Questions.Select(q => q.Stem).ShouldBe(today.Questions.Select(q => q.Stem));

        factory.Clock.Advance(TimeSpan.FromMinutes(15)); // 00:05 the next day in Shanghai
        var tomorrow = await client.GetJsonAsync<PracticeResponse>(Url);
        tomorrow.Date.ShouldBe(new DateOnly(2026, 12, 4));
        tomorrow.Questions.Length.ShouldBe(3);
        // 12 党史 questions: the new day prefers questions not practised lately.
        tomorrow.Questions.Select(q => q.Stem).Intersect(today.Questions.Select(q => q.Stem)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Answers_show_the_key_and_explanation_and_correct_ones_earn_quiz_points_once_within_the_daily_cap()
    {
        factory.Clock.SetShanghai(2026, 12, 5, 9);
        var member = await factory.AddMemberAsync(factory.Tree.BranchB);
        var client = await factory.MemberClientAsync(member.Id);
        await client.GetJsonAsync<PracticeResponse>(Url);
        var keys = await KeysAsync(member.Id, new DateOnly(2026, 12, 5));

        var first = await AnsweredAsync(client, 1, keys[1].ToLowerInvariant());
        first.NewlyAnswered.ShouldBeTrue();
        first.Question.Answer!.ShouldSatisfyAllConditions(a => a.Correct.ShouldBeTrue(), a => a.AnswerKey.ShouldBe(keys[1]),
            a => a.Explanation.ShouldStartWith("解析"), a => a.PointsAwarded.ShouldBe(4));
        first.Message.ShouldBe("回答正确，获得4积分");

        // A retried request (even with another response) ends on the first answer and earns nothing more.
        var retry = await AnsweredAsync(client, 1, Wrong(keys[1]));
        retry.NewlyAnswered.ShouldBeFalse();
        retry.Question.Answer!.Response.ShouldBe(keys[1].ToLowerInvariant());
        retry.Question.Answer.PointsAwarded.ShouldBe(4);

        // Two racing answers to question 2: one is stored, one award.
        var racing = await Task.WhenAll(AnsweredAsync(client, 2, keys[2]), AnsweredAsync(client, 2, keys[2]));
        racing.Count(r => r.NewlyAnswered).ShouldBe(1);

        var capped = await AnsweredAsync(client, 3, keys[3]);
        capped.Question.Answer!.PointsAwarded.ShouldBe(2); // 4 + 4 + 2 = the cap of 10
        capped.DailyCapReached.ShouldBeTrue();

        var ledger = await factory.WithDbAsync(db => db.Set<StudyPointEntry>().Where(e => e.MemberId == member.Id).OrderBy(e => e.Id).ToListAsync());
        ledger.Select(e => (e.Kind, e.Points)).ShouldBe([(StudyPointKind.Quiz, 4), (StudyPointKind.Quiz, 4), (StudyPointKind.Quiz, 2)]);
        var points = await client.GetJsonAsync<PointsResponse>("/api/study/points");
        points.TodayByKind.Single(k => k.Kind == "quiz").ShouldBe(new PointsKindToday("quiz", "答题", 10, 10));
        var board = await client.GetJsonAsync<PeopleBoardResponse>("/api/study/boards/people?period=week");
        board.Me!.Points.ShouldBe(10);
        (await client.GetJsonAsync<PracticeResponse>(Url)).ShouldSatisfyAllConditions(
            p => p.AnsweredCount.ShouldBe(3), p => p.CorrectCount.ShouldBe(3), p => p.QuizPointsToday.ShouldBe(10));

        factory.Clock.Advance(TimeSpan.FromDays(1));
        client = await factory.MemberClientAsync(member.Id); // the access token of yesterday has expired
        await client.GetJsonAsync<PracticeResponse>(Url);
        var wrong = await AnsweredAsync(client, 1, Wrong((await KeysAsync(member.Id, new DateOnly(2026, 12, 6)))[1]));
        wrong.Question.Answer!.ShouldSatisfyAllConditions(a => a.Correct.ShouldBeFalse(), a => a.PointsAwarded.ShouldBe(0),
            a => a.AnswerKey.ShouldNotBeNullOrEmpty(), a => a.Explanation.ShouldStartWith("解析"));
        wrong.Message.ShouldBe("回答错误，看看解析吧");
    }

    [Theory]
    [InlineData(1, "G", HttpStatusCode.BadRequest, "urn:learn:problem:validation")]
    [InlineData(1, "AB", HttpStatusCode.BadRequest, "urn:learn:problem:validation")] // single choice: one letter
    [InlineData(1, "  ", HttpStatusCode.BadRequest, "urn:learn:problem:validation")]
    [InlineData(1, null, HttpStatusCode.BadRequest, "urn:learn:problem:validation")]
    [InlineData(99, "A", HttpStatusCode.NotFound, "urn:learn:problem:not-found")]
    public async Task Bad_answers_are_problems_and_store_nothing(int seq, string? response, HttpStatusCode status, string type)
    {
        factory.Clock.SetShanghai(2026, 12, 7, 10);
        var member = await factory.AddMemberAsync(factory.Tree.BranchA);
        var client = await factory.MemberClientAsync(member.Id);

        var before = await AnswerAsync(client, 1, "A"); // no practice opened today yet
        before.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await client.GetJsonAsync<PracticeResponse>(Url);

        var reply = await AnswerAsync(client, seq, response);
        reply.StatusCode.ShouldBe(status);
        var problem = await reply.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().ShouldBe(type);
        problem.GetProperty("title").GetString()!.ShouldNotBeNullOrWhiteSpace();
        (await factory.WithDbAsync(db => (from s in db.Set<PracticeSession>() where s.MemberId == member.Id
                                          join i in db.Set<PracticeItem>() on s.Id equals i.SessionId
                                          where i.Response != null select i).CountAsync())).ShouldBe(0);
    }
}
