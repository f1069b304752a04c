using Learn.Core.Demo;

namespace Learn.Core.Tests.Demo;

/// <summary>The demo articles are imported by the study feature; each must parse in the TEAM.md format.</summary>
public class DemoArticlesTests
{
    private static readonly string[] Columns = ["党史学习", "党纪学习教育", "理论武装", "廉洁教育"];

    private sealed record Article(string Name, Dictionary<string, string> Front, string Body)
    {
        public int DayOffset => int.Parse(Front["dayOffset"], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Article Parse(string name)
    {
        var lines = DemoData.ReadText(name).ReplaceLineEndings("\n").Split('\n');
        lines[0].ShouldBe("---", name);
        var end = Array.IndexOf(lines, "---", 1);
        end.ShouldBeGreaterThan(1, $"{name}: front matter is not closed");
        var front = lines[1..end].Where(l => l.Trim().Length > 0).Select(l =>
        {
            var colon = l.IndexOf(':', StringComparison.Ordinal);
            colon.ShouldBeGreaterThan(0, $"{name}: '{l}' is not 'key: value'");
            return (Key: l[..colon].Trim(), Value: l[(colon + 1)..].Trim());
        }).ToDictionary(p => p.Key, p => p.Value);
        return new Article(name, front, string.Join('\n', lines[(end + 1)..]));
    }

    private static List<Article> All() => [.. DemoData.ArticleNames().Select(Parse)];

    [Fact]
    public void Every_article_has_front_matter_a_known_column_and_a_study_length_body()
    {
        var articles = All();
        articles.Count.ShouldBeGreaterThanOrEqualTo(16);
        foreach (var a in articles)
        {
            a.Name.ShouldMatch(@"^articles/\d{2}-[a-z0-9-]+\.md$");
            a.Front.Keys.ShouldBe(["column", "dayOffset", "source", "title"], ignoreOrder: true, a.Name);
            a.Front["title"].ShouldNotBeEmpty(a.Name);
            a.Front["source"].ShouldNotBeEmpty(a.Name);
            a.Front["column"].ShouldBeOneOf(Columns);
            int.TryParse(a.Front["dayOffset"], out _).ShouldBeTrue(a.Name);
            var chinese = a.Body.Count(c => c is >= '\u4e00' and <= '\u9fff');
            chinese.ShouldBeInRange(400, 900, $"{a.Name}: Chinese characters in the body");
        }
        articles.Select(a => a.Front["title"]).ShouldBeUnique();
    }

    [Fact]
    public void Articles_cover_every_column_each_recent_day_and_two_scheduled_days()
    {
        var articles = All();
        articles.Select(a => a.Front["column"]).Distinct().Order().ShouldBe(Columns.Order());
        var days = articles.Select(a => a.DayOffset).ToHashSet();
        for (var day = -13; day <= 2; day++)
            days.ShouldContain(day, $"an article published on day {day}");
        days.ShouldAllBe(d => d >= -13 && d <= 2);
    }
}
