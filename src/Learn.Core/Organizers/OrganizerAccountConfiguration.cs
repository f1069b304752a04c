using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Organizers;

internal sealed class OrganizerAccountConfiguration : IEntityTypeConfiguration<OrganizerAccount>
{
    public void Configure(EntityTypeBuilder<OrganizerAccount> b)
    {
        b.Property(a => a.UserName).HasMaxLength(64);
        b.Property(a => a.DisplayName).HasMaxLength(64);
        b.Property(a => a.PasswordHash).HasMaxLength(200);
        b.Property(a => a.Role).HasConversion<string>().HasMaxLength(32);
        b.HasOne(a => a.Organization).WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.UserName).IsUnique();
    }
}
