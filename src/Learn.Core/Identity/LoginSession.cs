using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Identity;

/// <summary>
/// One Mini Program login (one device). Its id is the access token's <c>sid</c>; the refresh token
/// is <c>{Id}.{secret}</c> and only the SHA-256 of the current one is stored. Every refresh
/// replaces it, so a refresh token works once; presenting an old one revokes the session (it was stolen).
/// </summary>
public class LoginSession
{
    public required string Id { get; set; }
    public long IdentityId { get; set; }
    public required string RefreshTokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? LastRefreshedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

internal sealed class LoginSessionConfiguration : IEntityTypeConfiguration<LoginSession>
{
    public void Configure(EntityTypeBuilder<LoginSession> b)
    {
        b.Property(s => s.Id).HasMaxLength(32);
        b.Property(s => s.RefreshTokenHash).HasMaxLength(64);
        b.HasOne<WeChatIdentity>().WithMany().HasForeignKey(s => s.IdentityId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => s.IdentityId);
    }
}
