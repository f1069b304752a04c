using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Organizers;

/// <summary>
/// A signed-in organiser on the organiser API. The bearer token is random and only its SHA-256
/// is stored, so a database leak yields no usable token; sign-out sets <see cref="RevokedAt"/>.
/// </summary>
public class OrganizerSession
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? ClientIp { get; set; }
}

internal sealed class OrganizerSessionConfiguration : IEntityTypeConfiguration<OrganizerSession>
{
    public void Configure(EntityTypeBuilder<OrganizerSession> b)
    {
        b.Property(s => s.TokenHash).HasMaxLength(64);
        b.Property(s => s.ClientIp).HasMaxLength(64);
        b.HasOne<OrganizerAccount>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => s.TokenHash).IsUnique();
        b.HasIndex(s => s.AccountId);
    }
}
