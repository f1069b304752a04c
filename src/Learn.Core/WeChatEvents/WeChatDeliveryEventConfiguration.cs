using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learn.Core.WeChatEvents;

internal sealed class WeChatDeliveryEventConfiguration : IEntityTypeConfiguration<WeChatDeliveryEvent>
{
    public void Configure(EntityTypeBuilder<WeChatDeliveryEvent> b)
    {
        b.Property(e => e.AppKind).HasConversion<string>().HasMaxLength(32);
        b.Property(e => e.AppId).HasMaxLength(64);
        b.Property(e => e.OpenId).HasMaxLength(64);
        b.Property(e => e.Event).HasMaxLength(64);
        b.Property(e => e.MsgId).HasMaxLength(64);
        b.Property(e => e.TemplateId).HasMaxLength(128);
        b.Property(e => e.Status).HasMaxLength(128);
        // Notifications settle a send by its MsgID and a consent by member + template.
        b.HasIndex(e => e.MsgId);
        b.HasIndex(e => new { e.OpenId, e.TemplateId });
        b.HasIndex(e => e.ReceivedAt);
    }
}
