using Learn.Core.Organizations;

namespace Learn.Core.Study;

/// <summary>
/// One study article (日读一文). The body is kept as written (<see cref="Body"/>, for editing) and
/// as sanitised HTML (<see cref="BodyHtml"/>, the only form ever served); both are set on save by
/// <see cref="ArticleAuthoring"/>, never by a reader.
/// </summary>
public class Article
{
    public long Id { get; set; }
    public required string Title { get; set; }
    public long ColumnId { get; set; }
    public ArticleColumn? Column { get; set; }

    /// <summary>A line for lists and the Official Account card; derived from the body when left empty.</summary>
    public required string Summary { get; set; }
    public string? CoverImageUrl { get; set; }
    public required string Source { get; set; }

    public ArticleBodyFormat BodyFormat { get; set; }

    /// <summary>Markdown as written, or the already-sanitised HTML for HTML bodies.</summary>
    public required string Body { get; set; }
    public required string BodyHtml { get; set; }

    /// <summary>Characters of readable text, which the default minimum reading time is proportional to.</summary>
    public int TextLength { get; set; }

    /// <summary>The organisation whose subtree reads this article (the root: everyone).</summary>
    public long AudienceOrganizationId { get; set; }
    public Organization? AudienceOrganization { get; set; }

    /// <summary>Copy of the audience's <see cref="Organization.Path"/>: a member sees the article when it is a prefix of theirs.</summary>
    public required string AudiencePath { get; set; }

    /// <summary>The day (Asia/Shanghai) the article is the article of the day; null while a draft.</summary>
    public DateOnly? PublishOn { get; set; }

    /// <summary>Reading shorter than this earns no points.</summary>
    public int MinReadingSeconds { get; set; }

    /// <summary>True when an organiser set <see cref="MinReadingSeconds"/> instead of the default from the length.</summary>
    public bool MinReadingSecondsSet { get; set; }

    public long? CreatedByOrganizerId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum ArticleBodyFormat
{
    Markdown,
    Html,
}

/// <summary>A column (专栏) such as 党史学习; organisers may add more.</summary>
public class ArticleColumn
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    public DateTime CreatedAt { get; set; }
}
