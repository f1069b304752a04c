using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Organizations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(o => o.Name).HasMaxLength(100);
        b.Property(o => o.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(o => o.Path).HasMaxLength(400);
        b.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => o.Path);
        b.HasIndex(o => o.ParentId);
    }
}
