using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learn.Core.Data.Migrations;

/// <summary>Delivery and consent reports pushed by WeChat (see Learn.Core.WeChatEvents).</summary>
[DbContext(typeof(LearnDbContext))]
[Migration("20261122005000_WeChatDeliveryEvents")]
public sealed class M20261122005000_WeChatDeliveryEvents : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "wechat_delivery_events",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                app_kind = t.Column<string>(maxLength: 32, nullable: false),
                app_id = t.Column<string>(maxLength: 64, nullable: false),
                open_id = t.Column<string>(maxLength: 64, nullable: false),
                @event = t.Column<string>(maxLength: 64, nullable: false),
                msg_id = t.Column<string>(maxLength: 64, nullable: true),
                template_id = t.Column<string>(maxLength: 128, nullable: true),
                status = t.Column<string>(maxLength: 128, nullable: true),
                error_code = t.Column<int>(nullable: true),
                raw_json = t.Column<string>(nullable: false),
                occurred_at = t.Column<DateTime>(nullable: false),
                received_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_wechat_delivery_events", x => x.id));
        migrationBuilder.CreateIndex("ix_wechat_delivery_events_msg_id", "wechat_delivery_events", "msg_id");
        migrationBuilder.CreateIndex("ix_wechat_delivery_events_open_id_template_id", "wechat_delivery_events", ["open_id", "template_id"]);
        migrationBuilder.CreateIndex("ix_wechat_delivery_events_received_at", "wechat_delivery_events", "received_at");
    }
}
