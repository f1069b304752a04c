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

/// <summary>
/// The per-member answer budget is held by each API instance (no network trip; it holds while Redis is down,
/// docs/decisions/0306-answer-critical-path.md): over it, 429 with Retry-After; other members and other instances are not held back.
/// </summary>
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
    public async Task Over_the_instances_budget_a_member_gets_429_with_retry_after_and_the_budget_refills()
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

        // Eight sends of the same answer (a retrying client) through one instance, all at once.
        var clock = Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => viaFirst.AnswerAsync(contest.Id, attemptId, 1, answer, requestId: "same-tap")));
        var elapsed = clock.Elapsed;
        var passed = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        // The bucket holds 2, plus what refilled meanwhile (1 a second).
        passed.ShouldBeLessThanOrEqualTo(2 + (int)elapsed.TotalSeconds, $"{elapsed.TotalMilliseconds:F0} ms");
        passed.ShouldBeGreaterThanOrEqualTo(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests).ShouldBe(8 - passed);

        var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 2);
        limited.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await limited.JsonAsync(HttpStatusCode.TooManyRequests);
        problem.GetProperty("type").GetString().ShouldBe(ProblemTypes.TooManyRequests);
        problem.GetProperty("title").GetString().ShouldBe("答题过于频繁，请稍后再试");

        // Each instance holds its own bucket: the same member through the other instance is not held back.
        (await viaSecond.AnswerAsync(contest.Id, attemptId, 1, answer, requestId: "same-tap")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Another member is not held back by the first one's budget, on either instance.
        var otherId = (await factory.MemberAsync(a, "正常答题者")).Id;
        var other = await _second.CreateMemberClientAsync(otherId);
        var otherAttempt = await other.StartAsync(contest.Id);
        (await other.AnswerAsync(contest.Id, otherAttempt.GetProperty("attemptId").GetInt64(), 1,
            await factory.AnswerForAsync(otherAttempt.GetProperty("current")))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The budget refills with (wall) time: after a second the retry goes through again, with the first result.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var again = await (await viaFirst.AnswerAsync(contest.Id, attemptId, 1, answer, requestId: "same-tap")).JsonAsync();
        again.GetProperty("correct").GetBoolean().ShouldBeTrue();
        (await factory.WithDbAsync(db => db.Set<ContestAnswer>().CountAsync(x => x.AttemptId == attemptId))).ShouldBe(1);
    }
}
