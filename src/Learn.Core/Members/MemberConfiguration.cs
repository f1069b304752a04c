using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Members;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.Property(m => m.Name).HasMaxLength(50);
        b.Property(m => m.Gender).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.MobileCipher).HasMaxLength(200);
        b.Property(m => m.MobileHash).HasMaxLength(64);
        b.Property(m => m.MobileMasked).HasMaxLength(20);
        b.Property(m => m.Post).HasMaxLength(50);
        b.HasOne(m => m.Organization).WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.OrganizationId);
        b.HasIndex(m => m.MobileHash);
        b.HasIndex(m => m.Name);
    }
}
