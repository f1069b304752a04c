using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Identity;

internal sealed class WeChatIdentityConfiguration : IEntityTypeConfiguration<WeChatIdentity>
{
    public void Configure(EntityTypeBuilder<WeChatIdentity> b)
    {
        b.Property(w => w.AppKind).HasConversion<string>().HasMaxLength(32);
        b.Property(w => w.AppId).HasMaxLength(64);
        b.Property(w => w.OpenId).HasMaxLength(64);
        b.Property(w => w.UnionId).HasMaxLength(64);
        b.Property(w => w.SessionKeyCipher).HasMaxLength(200);
        b.HasOne(w => w.Member).WithMany().HasForeignKey(w => w.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(w => new { w.AppId, w.OpenId }).IsUnique();
        b.HasIndex(w => w.UnionId);
        b.HasIndex(w => w.MemberId);
        // One identity per member per app, enforced by the database: two phones binding the same
        // member at the same moment cannot both win (the check in MemberBinding alone can race).
        b.HasIndex(w => new { w.MemberId, w.AppKind }).IsUnique().HasFilter("member_id IS NOT NULL");
    }
}
