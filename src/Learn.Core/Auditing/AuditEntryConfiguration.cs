using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Auditing;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_log");
        b.Property(a => a.ActorKind).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.ActorName).HasMaxLength(64);
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.EntityType).HasMaxLength(64);
        b.Property(a => a.EntityId).HasMaxLength(64);
        b.Property(a => a.OrganizationPath).HasMaxLength(400);
        b.Property(a => a.Reason).HasMaxLength(500);
        b.Property(a => a.ClientIp).HasMaxLength(64);
        b.HasIndex(a => a.OccurredAt);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
    }
}
