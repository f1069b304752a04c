using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.Members;

/// <summary>One move of a member between organisations (组织关系转接); the history is kept forever.</summary>
public class MemberTransfer
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public long? FromOrganizationId { get; set; }
    public long? ToOrganizationId { get; set; }
    public DateOnly TransferredOn { get; set; }
    public string? Reason { get; set; }
    public long? RecordedByOrganizerId { get; set; }
    public DateTime RecordedAt { get; set; }
}

internal sealed class MemberTransferConfiguration : IEntityTypeConfiguration<MemberTransfer>
{
    public void Configure(EntityTypeBuilder<MemberTransfer> b)
    {
        b.Property(t => t.Reason).HasMaxLength(200);
        b.HasOne<Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => t.MemberId);
    }
}
