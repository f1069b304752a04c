using Learn.Core.Study;

namespace Learn.Core.Tests.Study;

/// <summary>The demo article format of TEAM.md: front matter (with comments) then Markdown.</summary>
public class ArticleFileTests
{
    private const string Sample = """
        ---
        title: 重温入党誓词
        column: 党史学习        # one of 党史学习 | 党纪学习教育 | 理论武装 | 廉洁教育
        source: 学习平台编辑部
        dayOffset: -3           # publish date relative to the seed day in Asia/Shanghai (0 = today)
        ---
        入党誓词是每一名共产党员的庄严承诺。

        **对党忠诚**，积极工作。
        """;

    [Fact]
    public void Front_matter_and_body_are_read_with_comments_removed()
    {
        var file = ArticleFile.Parse("01-oath.md", Sample.Replace("\n", "\r\n", StringComparison.Ordinal));

        file.Title.ShouldBe("重温入党誓词");
        file.Column.ShouldBe("党史学习");
        file.Source.ShouldBe("学习平台编辑部");
        file.DayOffset.ShouldBe(-3);
        file.Body.ShouldBe("入党誓词是每一名共产党员的庄严承诺。\n\n**对党忠诚**，积极工作。");
    }

    [Theory]
    [InlineData("title: 标题\ncolumn: 理论武装\nsource: 编辑部\n", "dayOffset")]
    [InlineData("title: 标题\ncolumn: 理论武装\nsource: 编辑部\ndayOffset: 明天\n", "dayOffset")]
    [InlineData("column: 理论武装\nsource: 编辑部\ndayOffset: 0\n", "title")]
    [InlineData("title 标题\ncolumn: 理论武装\nsource: 编辑部\ndayOffset: 0\n", "key: value")]
    public void A_malformed_file_is_reported_by_name_and_reason(string frontMatter, string reason)
    {
        var error = Should.Throw<InvalidDataException>(() => ArticleFile.Parse("07-bad.md", "---\n" + frontMatter + "---\n正文"));
        error.Message.ShouldContain("07-bad.md");
        error.Message.ShouldContain(reason);
    }

    [Fact]
    public void A_file_without_front_matter_or_body_is_refused()
    {
        Should.Throw<InvalidDataException>(() => ArticleFile.Parse("a.md", "正文而已"));
        Should.Throw<InvalidDataException>(() => ArticleFile.Parse("b.md", "---\ntitle: x\ncolumn: 理论武装\nsource: y\ndayOffset: 0\n---\n  \n"));
    }

    [Fact]
    public void Every_embedded_demo_article_parses()
    {
        // Content lands in Demo/data/articles in parallel; whatever is embedded must follow the format.
        foreach (var (name, text) in ArticleDemoSeeder.EmbeddedFiles())
        {
            var file = ArticleFile.Parse(name, text);
            file.Column.ShouldBeOneOf("党史学习", "党纪学习教育", "理论武装", "廉洁教育");
        }
    }
}

public class HtmlSanitizerTests
{
    [Theory]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"&#106;avascript:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"vbscript:msgbox\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"mailto:dw@example.cn\">x</a>", "<a href=\"mailto:dw@example.cn\">x</a>")]
    [InlineData("<a href=\"/study/1?a=b:c\">x</a>", "<a href=\"/study/1?a=b:c\">x</a>")]
    [InlineData("<img src=\"data:image/png;base64,AAAA\">", "")]
    [InlineData("<img src=\"mailto:x\">", "")]
    [InlineData("<p title=\"t\" class=\"c\" ONCLICK=\"x\">段落</p>", "<p>段落</p>")]
    [InlineData("<div><script>alert(1)</script>文字</div>", "<div>文字</div>")]
    [InlineData("<p>&lt;script&gt;不是标签&lt;/script&gt;</p>", "<p>&lt;script&gt;不是标签&lt;/script&gt;</p>")]
    [InlineData("<td colspan=\"2\" rowspan=\"x\">格</td>", "<td colspan=\"2\">格</td>")]
    [InlineData("<marquee>滚动</marquee>", "滚动")]
    [InlineData("<p>未闭合", "<p>未闭合</p>")]
    public void Only_allowed_markup_survives(string input, string expected) =>
        HtmlSanitizer.Sanitize(input).ShouldBe(expected);
}
