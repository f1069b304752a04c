using Learn.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Study;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> b)
    {
        b.Property(a => a.Title).HasMaxLength(100);
        b.Property(a => a.Summary).HasMaxLength(200);
        b.Property(a => a.CoverImageUrl).HasMaxLength(500);
        b.Property(a => a.Source).HasMaxLength(100);
        b.Property(a => a.BodyFormat).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.AudiencePath).HasMaxLength(400);
        b.HasOne(a => a.Column).WithMany().HasForeignKey(a => a.ColumnId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.AudienceOrganization).WithMany().HasForeignKey(a => a.AudienceOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.PublishOn);
        b.HasIndex(a => new { a.ColumnId, a.PublishOn });
        b.HasIndex(a => a.AudienceOrganizationId);
    }
}

internal sealed class ArticleColumnConfiguration : IEntityTypeConfiguration<ArticleColumn>
{
    public void Configure(EntityTypeBuilder<ArticleColumn> b)
    {
        b.Property(c => c.Name).HasMaxLength(32);
        b.HasIndex(c => c.Name).IsUnique();
    }
}

internal sealed class ArticleReadingConfiguration : IEntityTypeConfiguration<ArticleReading>
{
    public void Configure(EntityTypeBuilder<ArticleReading> b)
    {
        b.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Members.Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.MemberId, r.ArticleId }).IsUnique();
        b.HasIndex(r => r.ArticleId);
    }
}

internal sealed class StudyPointEntryConfiguration : IEntityTypeConfiguration<StudyPointEntry>
{
    public void Configure(EntityTypeBuilder<StudyPointEntry> b)
    {
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Reason).HasMaxLength(200);
        b.Property(e => e.IdempotencyKey).HasMaxLength(100);
        b.HasOne<Members.Member>().WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.BranchId).OnDelete(DeleteBehavior.Restrict);
        // The idempotency guarantee lives in the database: a retried award hits this index.
        b.HasIndex(e => new { e.MemberId, e.IdempotencyKey }).IsUnique();
        b.HasIndex(e => new { e.MemberId, e.Day });
        b.HasIndex(e => e.Day);
    }
}

internal sealed class StudyPointAccountConfiguration : IEntityTypeConfiguration<StudyPointAccount>
{
    public void Configure(EntityTypeBuilder<StudyPointAccount> b)
    {
        b.HasKey(a => a.MemberId);
        b.Property(a => a.MemberId).ValueGeneratedNever();
        b.HasOne<Members.Member>().WithOne().HasForeignKey<StudyPointAccount>(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.Property(a => a.Version).IsConcurrencyToken();
    }
}
