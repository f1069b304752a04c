using Markdig;

namespace Learn.Core.Study;

/// <summary>Turns what an organiser wrote into the HTML members are served, and measures it.</summary>
public static class ArticleBody
{
    // Raw HTML inside Markdown is allowed through Markdig and then cleaned by the same allow-list.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UsePipeTables()
        .Build();

    public static string ToSafeHtml(string body, ArticleBodyFormat format) =>
        HtmlSanitizer.Sanitize(format == ArticleBodyFormat.Markdown ? Markdown.ToHtml(body, Pipeline) : body);

    /// <summary>Characters a reader reads: the text without markup and whitespace.</summary>
    public static int TextLength(string safeHtml) =>
        HtmlSanitizer.PlainText(safeHtml).Count(c => !char.IsWhiteSpace(c));

    /// <summary>The default minimum reading time: proportional to the length, within the configured bounds.</summary>
    public static int DefaultMinReadingSeconds(int textLength, StudyOptions options)
    {
        var seconds = (int)Math.Ceiling(textLength * 60.0 / options.CharactersPerMinute);
        return Math.Clamp(seconds, options.MinimumReadingSeconds, options.MaximumReadingSeconds);
    }

    /// <summary>A one-line summary from the text, for lists and the Official Account card.</summary>
    public static string SummaryOf(string safeHtml, int maxLength = 80)
    {
        var text = HtmlSanitizer.PlainText(safeHtml);
        return text.Length <= maxLength ? text : text[..(maxLength - 1)] + "…";
    }
}
