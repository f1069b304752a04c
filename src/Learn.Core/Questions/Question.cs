using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Questions;

/// <summary>
/// A question in the bank. Its wording, options and key live in immutable
/// <see cref="QuestionVersion"/> rows: editing adds a version, and answers point at the version
/// they were given, so an edit never changes a past result. Tags, difficulty and the active flag
/// stay here because they decide what future draws pick.
/// </summary>
public class Question
{
    public long Id { get; set; }
    public QuestionKind Kind { get; set; }

    /// <summary>Categories as <c>|党史|党章党规|</c>, so "has tag X" is one LIKE '%|X|%'.</summary>
    public string Tags { get; set; } = "||";
    public Difficulty Difficulty { get; set; }
    public bool IsActive { get; set; } = true;
    public long? CurrentVersionId { get; set; }
    public int VersionNo { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public IReadOnlyList<string> TagList => QuestionTags.Split(Tags);
}

public enum QuestionKind
{
    /// <summary>单选</summary>
    Single,
    /// <summary>多选</summary>
    Multiple,
    /// <summary>判断</summary>
    TrueFalse,
    /// <summary>填空</summary>
    FillBlank,
}

public enum Difficulty
{
    /// <summary>易</summary>
    Easy,
    /// <summary>中</summary>
    Medium,
    /// <summary>难</summary>
    Hard,
}

public static class QuestionTags
{
    public static string Join(IEnumerable<string> tags) => "|" + string.Join('|', tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct()) + "|";

    public static IReadOnlyList<string> Split(string tags) => tags.Split('|', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> b)
    {
        b.Property(q => q.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(q => q.Difficulty).HasConversion<string>().HasMaxLength(16);
        b.Property(q => q.Tags).HasMaxLength(200);
        b.Ignore(q => q.TagList);
        b.HasIndex(q => new { q.IsActive, q.Difficulty });
    }
}
