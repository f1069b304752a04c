using Learn.Core.Members;
using Learn.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Invitations;

/// <summary>
/// A code a branch secretary hands out so members of their branch can bind WeChat to the roster.
/// A branch-wide code is redeemed with the member's name (matched within the branch); a code for one
/// member (the re-bind after a new phone) needs nothing else.
/// </summary>
public class InvitationCode
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public long OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    /// <summary>Set for a code issued to one member (re-binding); null for a branch-wide code.</summary>
    public long? MemberId { get; set; }

    public DateTime ExpiresAt { get; set; }
    public int MaxUses { get; set; }
    public int UsedCount { get; set; }
    public long? CreatedByOrganizerId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public bool IsUsableAt(DateTime now) => RevokedAt is null && ExpiresAt > now && UsedCount < MaxUses;
}

internal sealed class InvitationCodeConfiguration : IEntityTypeConfiguration<InvitationCode>
{
    public void Configure(EntityTypeBuilder<InvitationCode> b)
    {
        b.Property(c => c.Code).HasMaxLength(32);
        b.HasOne(c => c.Organization).WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.Code).IsUnique();
        b.HasIndex(c => c.OrganizationId);
    }
}
