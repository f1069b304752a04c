using Learn.Core.Auditing;
using Learn.Core.Contests;
using Learn.Core.Organizations;
using Learn.Core.Questions;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Contests;

/// <summary>Drawing a paper (categories, difficulty mix, active only) and the four question types scored as members really type them.</summary>
public class QuestionKindTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private Contest _contest = null!;
    private Organization _branch = null!;

    public async Task InitializeAsync()
    {
        if (!await factory.WithDbAsync(db => db.Set<Question>().AnyAsync()))
        {
            var report = await factory.ImportAsync(ContestKit.Header + "\n" + """
            单选,题型测试：单选（  ）,甲,乙,丙,丁,,,B,题型测试,易,解析一
            多选,题型测试：多选（  ）,甲,乙,丙,丁,,,ACD,题型测试,易,解析二
            判断,题型测试：判断。,,,,,,,正确,题型测试,易,解析三
            填空,题型测试：（  ）会议确立了毛泽东在党中央和红军的领导地位。,,,,,,,遵义|遵义会议,题型测试,易,解析四
            单选,混合：易（  ）,甲,乙,丙,丁,,,A,混合|党史,易,解析
            单选,混合：中一（  ）,甲,乙,丙,丁,,,A,混合,中,解析
            单选,混合：中二（  ）,甲,乙,丙,丁,,,A,混合,中,解析
            单选,混合：中（停用）（  ）,甲,乙,丙,丁,,,A,混合,中,解析
            单选,混合：难（  ）,甲,乙,丙,丁,,,A,混合,难,解析
            单选,别的分类：中（  ）,甲,乙,丙,丁,,,A,别的分类,中,解析
            """);
            report.Committed.ShouldBeTrue(string.Join('；', report.Errors.Select(e => e.ToString())));
            var retired = await factory.WithDbAsync(db => db.Set<QuestionVersion>().Where(v => v.Stem.Contains("停用")).Select(v => v.QuestionId).SingleAsync());
            (await factory.WithAsync(sp => sp.GetRequiredService<QuestionBank>().SetActiveAsync(retired, false, AuditActor.System))).ShouldBeTrue();
            factory.Services.GetRequiredService<ContestCaches>().ForgetPool();
        }
        (_, _branch, _) = await factory.TreeAsync();
        _contest = await factory.CreateContestAsync(_branch, new ContestDraft
        {
            Title = "题型测试", Mode = ContestMode.Timed, EasyCount = 4, Categories = ["题型测试"], SecondsPerQuestion = 30, PointsPerCorrect = 10,
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Plays the paper answering each kind with <paramref name="answerFor"/>; returns the correctness per kind.</summary>
    private async Task<Dictionary<QuestionKind, bool>> PlayAsync(string name, Func<QuestionKind, string> answerFor)
    {
        var member = await factory.CreateMemberClientAsync((await factory.MemberAsync(_branch, name)).Id);
        var results = new Dictionary<QuestionKind, bool>();
        var attempt = await member.StartAsync(_contest.Id);
        for (var i = 0; i < 4; i++)
        {
            var question = (await member.CurrentAsync(_contest.Id)).GetProperty("current");
            var versionId = question.GetProperty("questionId").GetInt64();
            var kind = await factory.WithDbAsync(db => db.Set<QuestionVersion>().Where(v => v.Id == versionId).Select(v => v.Kind).SingleAsync());
            factory.Clock.Advance(TimeSpan.FromSeconds(2));
            var result = await (await member.AnswerAsync(_contest.Id, attempt.GetProperty("attemptId").GetInt64(),
                question.GetProperty("seq").GetInt32(), answerFor(kind))).JsonAsync();
            results[kind] = result.GetProperty("correct").GetBoolean();
        }
        return results;
    }

    [Fact]
    public async Task A_paper_draws_the_difficulty_mix_from_the_chosen_categories_and_never_a_deactivated_question()
    {
        var contest = await factory.CreateContestAsync(_branch, new ContestDraft
        {
            Title = "抽题测试", Mode = ContestMode.Timed, EasyCount = 1, MediumCount = 2, HardCount = 1, Categories = ["混合"], SecondsPerQuestion = 30,
        });
        for (var m = 0; m < 3; m++)
        {
            var member = await factory.CreateMemberClientAsync((await factory.MemberAsync(_branch, $"抽题{m}")).Id);
            await member.StartAsync(contest.Id);
            var drawn = new List<QuestionVersion>();
            for (var i = 0; i < 4; i++)
            {
                var question = (await member.CurrentAsync(contest.Id)).GetProperty("current");
                var id = question.GetProperty("questionId").GetInt64();
                drawn.Add(await factory.WithDbAsync(db => db.Set<QuestionVersion>().SingleAsync(v => v.Id == id)));
                await factory.AnswerCurrentAsync(member, contest.Id);
            }
            drawn.Count(v => v.Difficulty == Difficulty.Easy).ShouldBe(1);
            drawn.Count(v => v.Difficulty == Difficulty.Medium).ShouldBe(2);
            drawn.Count(v => v.Difficulty == Difficulty.Hard).ShouldBe(1);
            drawn.ShouldAllBe(v => v.Tags.Contains("|混合|") && !v.Stem.Contains("停用"));
        }
    }

    [Fact]
    public async Task Letters_in_any_order_and_case_true_false_words_and_normalised_blanks_are_right()
    {
        var results = await PlayAsync("规范作答", kind => kind switch
        {
            QuestionKind.Single => " ｂ ",
            QuestionKind.Multiple => "d、a，c",
            QuestionKind.TrueFalse => "对",
            _ => "　遵义会议　", // an accepted alternative, between ideographic spaces
        });
        results.Count.ShouldBe(4);
        results.Values.ShouldAllBe(correct => correct);
    }

    [Fact]
    public async Task A_partial_multiple_choice_the_other_verdict_and_a_near_miss_blank_are_wrong()
    {
        var results = await PlayAsync("差一点", kind => kind switch
        {
            QuestionKind.Single => "A",
            QuestionKind.Multiple => "AC",
            QuestionKind.TrueFalse => "错误",
            _ => "遵义会议召开",
        });
        results.Count.ShouldBe(4);
        results.Values.ShouldAllBe(correct => !correct);
    }
}
