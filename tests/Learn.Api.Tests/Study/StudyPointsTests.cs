using Learn.Api.Study;
using Learn.Core.Study;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Study;

/// <summary>Study points rules from configuration: per-kind daily caps and streaks, in Asia/Shanghai days.</summary>
public class StudyPointsTests(StudyPointsTests.RulesFactory factory) : IClassFixture<StudyPointsTests.RulesFactory>
{
    /// <summary>2 points per article, at most 5 reading / 3 quiz points a day, a study day needs 3 points.</summary>
    public sealed class RulesFactory : StudyFactory
    {
        protected override void ConfigureSettings(IDictionary<string, string?> settings)
        {
            settings["Study:ReadingPoints"] = "2";
            settings["Study:DailyCaps:Reading"] = "5";
            settings["Study:DailyCaps:Quiz"] = "3";
            settings["Study:StreakMinimumDailyPoints"] = "3";
        }
    }

    private StudyPoints Points => factory.Services.GetRequiredService<StudyPoints>();

    private async Task<ReadResponse> ReadAsync(HttpClient client, Article article)
    {
        await client.PostJsonAsync<ReadResponse>($"/api/study/articles/{article.Id}/read/start");
        factory.Clock.Advance(TimeSpan.FromSeconds(article.MinReadingSeconds));
        return await client.PostJsonAsync<ReadResponse>($"/api/study/articles/{article.Id}/read/finish");
    }

    [Fact]
    public async Task Reading_points_stop_at_the_daily_cap_and_start_again_the_next_shanghai_day()
    {
        factory.Clock.SetShanghai(2026, 12, 1, 21);
        var articles = new List<Article>();
        for (var i = 0; i < 4; i++) articles.Add(await factory.PublishAsync($"封顶测试{i}", factory.Tree.Root, factory.Today(), minReadingSeconds: 20));
        var member = await factory.AddMemberAsync(factory.Tree.BranchA);
        var client = await factory.MemberClientAsync(member.Id);

        var awarded = new List<int>();
        foreach (var a in articles.Take(3)) awarded.Add((await ReadAsync(client, a)).PointsAwarded);
        var capped = await ReadAsync(client, articles[3]);

        awarded.ShouldBe([2, 2, 1]);
        capped.Completed.ShouldBeTrue();
        capped.PointsAwarded.ShouldBe(0);
        capped.DailyCapReached.ShouldBeTrue();
        var today = await client.GetJsonAsync<PointsResponse>("/api/study/points");
        today.Today.ShouldBe(5);
        today.TodayByKind.Single(k => k.Kind == "reading").ShouldBe(new PointsKindToday("reading", "阅读文章", 5, 5));
        today.Ledger.Items[0].Reason.ShouldContain("已达今日上限");

        // 23:59 is still the same day; 00:00 Shanghai (16:00 UTC) is the next.
        factory.Clock.SetShanghai(2026, 12, 1, 23, 59);
        client = await factory.MemberClientAsync(member.Id); // access tokens live 30 minutes
        var late = await factory.PublishAsync("深夜", factory.Tree.Root, new DateOnly(2026, 12, 1), minReadingSeconds: 20);
        (await ReadAsync(client, late)).PointsAwarded.ShouldBe(0);
        factory.Clock.SetShanghai(2026, 12, 2, 0, 1);
        client = await factory.MemberClientAsync(member.Id);
        var nextDay = await factory.PublishAsync("次日", factory.Tree.Root, new DateOnly(2026, 12, 2), minReadingSeconds: 20);
        (await ReadAsync(client, nextDay)).PointsAwarded.ShouldBe(2);
        var points = await client.GetJsonAsync<PointsResponse>("/api/study/points");
        points.Total.ShouldBe(7);
        points.Today.ShouldBe(2);
    }

    [Fact]
    public async Task Caps_are_per_kind_and_hold_under_concurrent_awards()
    {
        factory.Clock.SetShanghai(2026, 12, 3, 10);
        var member = await factory.AddMemberAsync(factory.Tree.BranchB);

        var quiz = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Points.AwardAsync(member.Id, StudyPointKind.Quiz, $"quiz:{i}", 1, "每日答题")));
        var contest = await Points.AwardAsync(member.Id, StudyPointKind.Contest, "contest:1", 15, "知识竞赛");

        quiz.Sum(a => a.Points).ShouldBe(3);
        contest.Points.ShouldBe(15);
        var client = await factory.MemberClientAsync(member.Id);
        var points = await client.GetJsonAsync<PointsResponse>("/api/study/points");
        points.Total.ShouldBe(18);
        points.TodayByKind.Single(k => k.Kind == "quiz").Points.ShouldBe(3);
        points.TodayByKind.Single(k => k.Kind == "contest").DailyCap.ShouldBe(20);
        points.Ledger.Total.ShouldBe(7); // capped awards stay in the ledger with 0 points and their reason
    }

    [Fact]
    public async Task The_same_idempotency_key_awards_once_even_when_sent_concurrently()
    {
        factory.Clock.SetShanghai(2026, 12, 4, 10);
        var member = await factory.AddMemberAsync(factory.Tree.BranchB);

        var awards = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Points.AwardAsync(member.Id, StudyPointKind.Contest, "contest:42:final", 8, "竞赛成绩")));

        awards.Count(a => !a.AlreadyAwarded).ShouldBe(1);
        awards.ShouldAllBe(a => a.Points == 8 && a.EntryId == awards[0].EntryId);
        var entries = await factory.WithDbAsync(db => db.Set<StudyPointEntry>().Where(e => e.MemberId == member.Id).ToListAsync());
        entries.Count.ShouldBe(1);
        (await factory.Services.CreateScope().ServiceProvider.GetRequiredService<StudyPointsQuery>().TotalOfAsync(member.Id)).ShouldBe(8);
    }

    [Fact]
    public async Task Streak_counts_days_with_enough_points_and_restarts_after_a_missed_day()
    {
        var member = await factory.AddMemberAsync(factory.Tree.BranchA);
        async Task<PointsResponse> PointsAsync() =>
            await (await factory.MemberClientAsync(member.Id)).GetJsonAsync<PointsResponse>("/api/study/points");
        Task Award(string key, int points) => Points.AwardAsync(member.Id, StudyPointKind.Quiz, key, points, "答题");

        factory.Clock.SetShanghai(2026, 12, 20, 8);
        await Award("d1a", 2);
        (await PointsAsync()).StreakDays.ShouldBe(0); // 2 < the 3 points a study day needs
        await Award("d1b", 1);
        var day1 = await PointsAsync();
        day1.StreakDays.ShouldBe(1);
        day1.StudiedToday.ShouldBeTrue();

        factory.Clock.SetShanghai(2026, 12, 21, 23, 30);
        await Award("d2", 3);
        (await PointsAsync()).StreakDays.ShouldBe(2);

        factory.Clock.SetShanghai(2026, 12, 22, 7); // a new day: the streak stands until the day is missed
        var morning = await PointsAsync();
        morning.StreakDays.ShouldBe(2);
        morning.StudiedToday.ShouldBeFalse();
        await Award("d3", 3);
        (await PointsAsync()).StreakDays.ShouldBe(3);

        factory.Clock.SetShanghai(2026, 12, 24, 9); // the 23rd was missed
        (await PointsAsync()).StreakDays.ShouldBe(0);
        await Award("d5", 3);
        var after = await PointsAsync();
        after.StreakDays.ShouldBe(1);
        after.LongestStreakDays.ShouldBe(3);
    }

    [Fact]
    public async Task The_ledger_pages_newest_first()
    {
        factory.Clock.SetShanghai(2026, 12, 5, 10);
        var member = await factory.AddMemberAsync(factory.Tree.BranchA);
        for (var i = 1; i <= 23; i++)
        {
            await Points.AwardAsync(member.Id, StudyPointKind.Contest, $"c{i}", 1, $"竞赛{i}");
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var client = await factory.MemberClientAsync(member.Id);

        var first = await client.GetJsonAsync<PointsResponse>("/api/study/points?page=1&pageSize=10");
        var last = await client.GetJsonAsync<PointsResponse>("/api/study/points?page=3&pageSize=10");

        first.Ledger.Total.ShouldBe(23);
        // The contest cap (20) cut the last three to 0 points: they stay in the ledger, saying why.
        first.Ledger.Items.Select(l => l.Reason).ShouldBe(Enumerable.Range(14, 10).Reverse().Select(i => i > 20 ? $"竞赛{i}（已达今日上限）" : $"竞赛{i}"));
        first.Ledger.Items.Select(l => l.Points).ShouldBe([0, 0, 0, 1, 1, 1, 1, 1, 1, 1]);
        last.Ledger.Items.Select(l => l.Reason).ShouldBe(["竞赛3", "竞赛2", "竞赛1"]);
        last.Ledger.Page.ShouldBe(3);
        (await client.GetJsonAsync<PointsResponse>("/api/study/points?pageSize=500")).Ledger.PageSize.ShouldBe(50);
    }
}
