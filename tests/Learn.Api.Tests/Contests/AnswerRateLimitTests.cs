using System.Diagnostics;
using System.Net;
using Learn.Core.Contests;
using Learn.Core.Problems;
using Learn.Core.Questions;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Tests.Contests;

/// <summary>An API whose members may send one answer a second (the bucket holds two).</summary>
public sealed class OneAnswerPerSecondApi : ApiFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings) => settings["Contests:AnswersPerSecondPerMember"] = "1";
}

/// <summary>Fair play: the per-member answer budget is one budget however many API instances serve the member.</summary>
public class AnswerRateLimitTests(OneAnswerPerSecondApi factory) : IClassFixture<OneAnswerPerSecondApi>, IAsyncLifetime
{
    private SecondInstance _second = null!;

    public async Task InitializeAsync()
    {
        if ((await factory.WithDbAsync(db => db.Set<Question>().CountAsync())) == 0)
            (await factory.ImportAsync(ContestKit.BankCsv())).Committed.ShouldBeTrue();
        _second = new SecondInstance(factory);
        await _second.InitializeAsync();
    }

    public async Task DisposeAsync() => await _second.DisposeAsync();

    [Fact]
    public async Task Two_instances_share_one_members_budget_and_over_it_answer_429_with_retry_after()
    {
        var (root, a, _) = await factory.TreeAsync();
        var contest = await factory.CreateContestAsync(root, new ContestDraft
        {
            Title = "限流测试", Mode = ContestMode.Timed, EasyCount = 1, MediumCount = 1, SecondsPerQuestion = 60,
        });
        var memberId = (await factory.MemberAsync(a, "连点者")).Id;
        var viaFirst = await factory.CreateMemberClientAsync(memberId);
        var viaSecond = await _second.CreateMemberClientAsync(memberId);
        var attempt = await viaFirst.StartAsync(contest.Id);
        var attemptId = attempt.GetProperty("attemptId").GetInt64();
        var answer = await factory.AnswerForAsync(attempt.GetProperty("current"));

        // Eight sends of the same answer (a retrying client), four through each instance, all at once.
        var clock = Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? viaFirst : viaSecond).AnswerAsync(contest.Id, attemptId, 1, answer, requestId: "same-tap")));
        var elapsed = clock.Elapsed;
        var passed = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        // Per instance the bucket would let 2 + 2 through; shared, 2 plus what refilled meanwhile (1 a second).
        passed.ShouldBeLessThanOrEqualTo(2 + (int)elapsed.TotalSeconds, $"{elapsed.TotalMilliseconds:F0} ms");
        passed.ShouldBeGreaterThanOrEqualTo(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests).ShouldBe(8 - passed);

        var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 2);
        limited.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await limited.JsonAsync(HttpStatusCode.TooManyRequests);
        problem.GetProperty("type").GetString().ShouldBe(ProblemTypes.TooManyRequests);
        problem.GetProperty("title").GetString().ShouldBe("答题过于频繁，请稍后再试");

        // Another member is not held back by the first one's budget, on either instance.
        var otherId = (await factory.MemberAsync(a, "正常答题者")).Id;
        var other = await _second.CreateMemberClientAsync(otherId);
        var otherAttempt = await other.StartAsync(contest.Id);
        (await other.AnswerAsync(contest.Id, otherAttempt.GetProperty("attemptId").GetInt64(), 1,
            await factory.AnswerForAsync(otherAttempt.GetProperty("current")))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The budget refills with (wall) time: after a second the retry goes through again, with the first result.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var again = await (await viaSecond.AnswerAsync(contest.Id, attemptId, 1, answer, requestId: "same-tap")).JsonAsync();
        again.GetProperty("correct").GetBoolean().ShouldBeTrue();
        (await factory.WithDbAsync(db => db.Set<ContestAnswer>().CountAsync(x => x.AttemptId == attemptId))).ShouldBe(1);
    }
}
