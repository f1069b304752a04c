using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Questions;

/// <summary>An immutable snapshot of a question's content; never updated once written.</summary>
public class QuestionVersion
{
    public long Id { get; set; }
    public long QuestionId { get; set; }
    public int VersionNo { get; set; }
    public QuestionKind Kind { get; set; }
    public required string Stem { get; set; }

    /// <summary>Option texts A, B, … as a JSON array (empty for true/false and fill-in-the-blank).</summary>
    public string OptionsJson { get; set; } = "[]";

    /// <summary>
    /// The key, normalised: <c>B</c>; <c>ACD</c> (sorted letters); <c>正确</c>/<c>错误</c>; accepted fill-in
    /// answers joined by <c>|</c>. It never leaves the server before the member answered or the question closed.
    /// </summary>
    public required string AnswerKey { get; set; }
    public string Explanation { get; set; } = "";
    public Difficulty Difficulty { get; set; }
    public string Tags { get; set; } = "||";
    public DateTime CreatedAt { get; set; }

    public IReadOnlyList<string> Options => JsonSerializer.Deserialize<string[]>(OptionsJson) ?? [];
}

internal sealed class QuestionVersionConfiguration : IEntityTypeConfiguration<QuestionVersion>
{
    public void Configure(EntityTypeBuilder<QuestionVersion> b)
    {
        b.Property(v => v.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(v => v.Difficulty).HasConversion<string>().HasMaxLength(16);
        b.Property(v => v.Stem).HasMaxLength(1000);
        b.Property(v => v.AnswerKey).HasMaxLength(500);
        b.Property(v => v.Tags).HasMaxLength(200);
        b.Ignore(v => v.Options);
        b.HasOne<Question>().WithMany().HasForeignKey(v => v.QuestionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(v => new { v.QuestionId, v.VersionNo }).IsUnique();
    }
}
