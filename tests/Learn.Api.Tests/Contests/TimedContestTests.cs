using FakeWeChat;
using System.Net;
using System.Net.Http.Json;
using Learn.Core.Auditing;
using Learn.Core.Contests;
using Learn.Core.Organizers;
using Learn.Core.Questions;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Contests;

/// <summary>限时答题 through the member API: payloads, server-side timing, idempotent answers, limits, resume.</summary>
public class TimedContestTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private Contest _contest = null!;
    private Learn.Core.Organizations.Organization _branch = null!;

    public async Task InitializeAsync()
    {
        (_, _branch, _) = await factory.BankAndTreeAsync();
        _contest = await factory.CreateContestAsync(_branch, new ContestDraft
        {
            Title = "限时答题", Mode = ContestMode.Timed, EasyCount = 2, MediumCount = 2, HardCount = 1,
            SecondsPerQuestion = 20, AttemptsPerDay = 2, PointsPerCorrect = 10, SpeedBonusMax = 5,
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpClient> NewMemberAsync(string name = "张红梅") =>
        await factory.CreateMemberClientAsync((await factory.MemberAsync(_branch, name)).Id);

    [Fact]
    public async Task Question_payloads_never_contain_the_key_or_explanation()
    {
        var member = await NewMemberAsync();
        var raw = await (await member.PostAsync($"/api/contests/{_contest.Id}/attempts", null)).Content.ReadAsStringAsync();
        var again = await (await member.GetAsync($"/api/contests/{_contest.Id}/attempts/current")).Content.ReadAsStringAsync();
        var start = System.Text.Json.JsonDocument.Parse(raw).RootElement;
        var version = await factory.WithDbAsync(db => db.Set<QuestionVersion>().SingleAsync(v => v.Id == start.GetProperty("current").GetProperty("questionId").GetInt64()));
        foreach (var payload in new[] { raw, again })
        {
            payload.ShouldNotContain("answerKey", Case.Insensitive);
            payload.ShouldNotContain("correctAnswer", Case.Insensitive);
            payload.ShouldNotContain("explanation", Case.Insensitive);
            payload.ShouldNotContain(version.Explanation);
        }
        start.GetProperty("current").GetProperty("options").GetArrayLength().ShouldBe(4);
    }

    [Fact]
    public async Task Correct_answer_scores_points_plus_speed_bonus_and_reveals_key_after_answering()
    {
        var member = await NewMemberAsync();
        await member.StartAsync(_contest.Id);
        var result = await factory.AnswerCurrentAsync(member, _contest.Id, correct: true, think: TimeSpan.FromSeconds(10));
        result.GetProperty("correct").GetBoolean().ShouldBeTrue();
        result.GetProperty("points").GetInt32().ShouldBe(10 + 3); // half the time left → half of 5, rounded
        result.GetProperty("correctCount").GetInt32().ShouldBe(1);
        result.GetProperty("correctAnswer").GetString().ShouldNotBeNullOrEmpty();
        result.GetProperty("explanation").GetString()!.ShouldStartWith("解析");

        var wrong = await factory.AnswerCurrentAsync(member, _contest.Id, correct: false);
        wrong.GetProperty("correct").GetBoolean().ShouldBeFalse();
        wrong.GetProperty("points").GetInt32().ShouldBe(0);
        wrong.GetProperty("score").GetInt32().ShouldBe(13);
        wrong.GetProperty("correctCount").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Answer_after_the_deadline_scores_nothing()
    {
        var member = await NewMemberAsync();
        var attempt = await member.StartAsync(_contest.Id);
        var question = attempt.GetProperty("current");
        factory.Clock.Advance(TimeSpan.FromSeconds(21));
        var answer = await factory.AnswerForAsync(question, correct: true);
        var result = await (await member.AnswerAsync(_contest.Id, attempt.GetProperty("attemptId").GetInt64(), question.GetProperty("seq").GetInt32(), answer)).JsonAsync();
        result.GetProperty("late").GetBoolean().ShouldBeTrue();
        result.GetProperty("correct").GetBoolean().ShouldBeFalse();
        result.GetProperty("points").GetInt32().ShouldBe(0);
        result.GetProperty("score").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Retried_answer_counts_once_and_a_different_second_answer_is_refused()
    {
        var member = await NewMemberAsync();
        var attempt = await member.StartAsync(_contest.Id);
        var (attemptId, question) = (attempt.GetProperty("attemptId").GetInt64(), attempt.GetProperty("current"));
        var seq = question.GetProperty("seq").GetInt32();
        factory.Clock.Advance(TimeSpan.FromSeconds(3));
        var right = await factory.AnswerForAsync(question, true);

        var first = await (await member.AnswerAsync(_contest.Id, attemptId, seq, right, "req-1")).JsonAsync();
        var retry = await (await member.AnswerAsync(_contest.Id, attemptId, seq, right, "req-1")).JsonAsync();
        retry.GetProperty("points").GetInt32().ShouldBe(first.GetProperty("points").GetInt32());
        retry.GetProperty("score").GetInt32().ShouldBe(first.GetProperty("score").GetInt32());

        var other = await member.AnswerAsync(_contest.Id, attemptId, seq, await factory.AnswerForAsync(question, false), "req-2");
        (await other.JsonAsync(HttpStatusCode.Conflict)).GetProperty("type").GetString().ShouldBe(ContestProblems.AnswerConflict);

        var stored = await factory.WithDbAsync(db => db.Set<ContestAnswer>().Where(a => a.AttemptId == attemptId).ToListAsync());
        stored.Count.ShouldBe(1);
        var totals = await factory.WithDbAsync(db => db.Set<ContestAttempt>().SingleAsync(a => a.Id == attemptId));
        totals.Score.ShouldBe(first.GetProperty("points").GetInt32());
        totals.AnsweredCount.ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_duplicates_of_one_answer_are_stored_once()
    {
        var member = await NewMemberAsync();
        var attempt = await member.StartAsync(_contest.Id);
        var (attemptId, question) = (attempt.GetProperty("attemptId").GetInt64(), attempt.GetProperty("current"));
        var right = await factory.AnswerForAsync(question, true);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            member.AnswerAsync(_contest.Id, attemptId, question.GetProperty("seq").GetInt32(), right, "same-request")));
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        (await factory.WithDbAsync(db => db.Set<ContestAnswer>().CountAsync(a => a.AttemptId == attemptId))).ShouldBe(1);
        (await factory.WithDbAsync(db => db.Set<ContestAttempt>().SingleAsync(a => a.Id == attemptId))).AnsweredCount.ShouldBe(1);
    }

    [Fact]
    public async Task Resuming_after_a_drop_out_shows_the_same_question_with_the_remaining_time()
    {
        var member = await NewMemberAsync();
        var first = await member.StartAsync(_contest.Id);
        factory.Clock.Advance(TimeSpan.FromSeconds(8));
        var resumed = await member.StartAsync(_contest.Id); // the app restarts and taps 开始 again
        resumed.GetProperty("attemptId").GetInt64().ShouldBe(first.GetProperty("attemptId").GetInt64());
        resumed.GetProperty("current").GetProperty("seq").GetInt32().ShouldBe(1);
        resumed.GetProperty("current").GetProperty("secondsLeft").GetDouble().ShouldBe(12, 0.5);

        factory.Clock.Advance(TimeSpan.FromSeconds(15)); // question 1 ran out while away
        var later = await member.CurrentAsync(_contest.Id);
        later.GetProperty("current").GetProperty("seq").GetInt32().ShouldBe(2);
        later.GetProperty("current").GetProperty("secondsLeft").GetDouble().ShouldBe(20, 0.5);
    }

    [Fact]
    public async Task Attempts_per_day_are_limited_and_the_best_attempt_counts()
    {
        var member = await NewMemberAsync("李建国");
        await member.StartAsync(_contest.Id);
        for (var i = 0; i < 5; i++) await factory.AnswerCurrentAsync(member, _contest.Id, correct: i < 4);
        (await member.CurrentAsync(_contest.Id)).GetProperty("status").GetString().ShouldBe("finished");

        await member.StartAsync(_contest.Id);
        for (var i = 0; i < 5; i++) await factory.AnswerCurrentAsync(member, _contest.Id, correct: i < 1);
        var third = await member.PostAsync($"/api/contests/{_contest.Id}/attempts", null);
        (await third.JsonAsync(HttpStatusCode.Conflict)).GetProperty("type").GetString().ShouldBe(ContestProblems.AttemptLimit);

        var mine = await (await member.GetAsync($"/api/contests/{_contest.Id}/board/me")).JsonAsync();
        mine.GetProperty("me").GetProperty("correctCount").GetInt32().ShouldBe(4);
        mine.GetProperty("me").GetProperty("score").GetInt32().ShouldBe(4 * (10 + 5)); // 18 of 20 s left: bonus 4.5, rounded up
    }

    [Fact]
    public async Task Editing_a_question_never_changes_a_past_result()
    {
        var member = await NewMemberAsync();
        await member.StartAsync(_contest.Id);
        var result = await factory.AnswerCurrentAsync(member, _contest.Id, correct: true);
        var answer = await factory.WithDbAsync(db => db.Set<ContestAnswer>().OrderByDescending(a => a.Id).FirstAsync());
        var version = await factory.WithDbAsync(db => db.Set<QuestionVersion>().SingleAsync(v => v.Id == answer.QuestionVersionId));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var draft = QuestionDraft.Of(version) with { AnswerKey = version.AnswerKey == "A" ? "B" : "A", Stem = version.Stem + "（修订）" };
            (await scope.ServiceProvider.GetRequiredService<QuestionBank>().EditAsync(version.QuestionId, draft, AuditActor.System)).ShouldNotBeNull();
        }
        var after = await factory.WithDbAsync(db => db.Set<ContestAnswer>().SingleAsync(a => a.Id == answer.Id));
        after.QuestionVersionId.ShouldBe(version.Id);
        after.IsCorrect.ShouldBeTrue();
        (await factory.WithDbAsync(db => db.Set<QuestionVersion>().SingleAsync(v => v.Id == version.Id))).AnswerKey.ShouldBe(version.AnswerKey);
        result.GetProperty("correct").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Members_report_errors_in_questions_they_were_given_and_organisers_resolve_them()
    {
        var member = await NewMemberAsync();
        var start = await member.StartAsync(_contest.Id);
        var questionId = start.GetProperty("current").GetProperty("questionId").GetInt64();
        var created = await member.PostAsJsonAsync("/api/question-reports", new { questionId, note = "选项丙的年份有误" });
        var id = (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        (await member.PostAsJsonAsync("/api/question-reports", new { questionId = 999999, note = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        factory.WeChat.RequestsTo(FakePaths.MsgSecCheck).ShouldContain(r => r.Json.GetProperty("content").GetString() == "选项丙的年份有误");

        // Text members write passes WeChat's content check first: a risky note is refused and not stored.
        factory.WeChat.RiskyWords.Add("违规广告");
        var risky = await member.PostAsJsonAsync("/api/question-reports", new { questionId, note = "违规广告内容" });
        (await risky.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("type").GetString().ShouldBe(Learn.Api.Contests.QuestionReportsApi.RiskyContent);

        await using var scope = factory.Services.CreateAsyncScope();
        var reports = scope.ServiceProvider.GetRequiredService<QuestionReports>();
        var organiser = new OrganizerScope(1, "管理员", OrganizerRole.SuperAdmin, null, null);
        var open = reports.Visible(organiser).Where(r => r.Status == QuestionReportStatus.Open);
        (await open.ToListAsync()).ShouldContain(r => r.Id == id && r.Note == "选项丙的年份有误");
        (await open.ToListAsync()).ShouldNotContain(r => r.Note.Contains("违规广告"));
        (await reports.DecideAsync(organiser, id, accepted: true, "已更正")).Succeeded.ShouldBeTrue();
        (await open.ToListAsync()).ShouldNotContain(r => r.Id == id);
    }

    [Fact]
    public async Task Answers_faster_than_humanly_possible_are_flagged_for_organisers()
    {
        var member = await NewMemberAsync("王快手");
        await member.StartAsync(_contest.Id);
        await factory.AnswerCurrentAsync(member, _contest.Id, correct: true, think: TimeSpan.FromMilliseconds(200));
        await using var scope = factory.Services.CreateAsyncScope();
        var flagged = await scope.ServiceProvider.GetRequiredService<ContestAdmin>().FlaggedAnswersAsync("/", _contest.Id);
        flagged.ShouldContain(f => f.MemberName == "王快手" && f.ElapsedMs == 200);
    }

    [Fact]
    public async Task Members_outside_the_audience_do_not_see_the_contest_and_one_identity_per_member()
    {
        var outsider = await factory.WithDbAsync(async db =>
        {
            var other = await db.AddOrganizationAsync("外单位", Learn.Core.Organizations.OrganizationKind.PartyCommittee);
            return await db.AddMemberAsync(other, "赵外人");
        });
        var client = await factory.CreateMemberClientAsync(outsider.Id);
        (await client.PostAsync($"/api/contests/{_contest.Id}/attempts", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await client.GetAsync("/api/contests")).JsonAsync()).EnumerateArray().ShouldNotContain(c => c.GetProperty("id").GetInt64() == _contest.Id);

        var member = await factory.MemberAsync(_branch, "钱双号");
        var phone1 = await factory.CreateMemberClientAsync(member.Id);
        await phone1.StartAsync(_contest.Id);
        // The database allows one bound identity per member, so a second phone exists only after a
        // re-bind: the old identity is unbound and the member binds a new one mid-contest.
        await factory.WithDbAsync(db => db.WeChatIdentities.Where(w => w.MemberId == member.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.MemberId, (long?)null)));
        var phone2 = await factory.CreateMemberClientAsync(member.Id);
        var second = await phone2.PostAsync($"/api/contests/{_contest.Id}/attempts", null);
        (await second.JsonAsync(HttpStatusCode.Conflict)).GetProperty("type").GetString().ShouldBe(ContestProblems.OtherIdentity);
    }
}
