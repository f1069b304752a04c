using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.DataProtection;

/// <summary>
/// One ASP.NET Core Data Protection key (its XML element as the key manager wrote it), shared by
/// every instance of a site so a cookie or antiforgery token from one instance opens on another.
/// See docs/decisions/0600-admin-site-auth-and-shared-keys.md.
/// </summary>
public class DataProtectionKey
{
    public long Id { get; set; }

    /// <summary>The key manager's name for the element (<c>key-{guid}</c>), unique.</summary>
    public required string FriendlyName { get; set; }

    public required string Xml { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.Property(k => k.FriendlyName).HasMaxLength(100);
        b.HasIndex(k => k.FriendlyName).IsUnique();
    }
}
