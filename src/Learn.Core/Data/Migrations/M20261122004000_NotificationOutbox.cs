using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learn.Core.Data.Migrations;

/// <summary>The notification outbox (campaigns, messages, consents) and the holiday notice settings.</summary>
[DbContext(typeof(LearnDbContext))]
[Migration("20261122004000_NotificationOutbox")]
public sealed class M20261122004000_NotificationOutbox : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "notification_campaigns",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                key = t.Column<string>(maxLength: 100, nullable: false),
                title = t.Column<string>(maxLength: 100, nullable: false),
                template = t.Column<string>(maxLength: 64, nullable: false),
                channel = t.Column<string>(maxLength: 32, nullable: false),
                audience = t.Column<string>(maxLength: 32, nullable: false),
                scope_path = t.Column<string>(maxLength: 400, nullable: true),
                data_json = t.Column<string>(nullable: true),
                page = t.Column<string>(maxLength: 200, nullable: true),
                state = t.Column<string>(maxLength: 16, nullable: false),
                expanded_through_member_id = t.Column<long>(nullable: false),
                recipient_count = t.Column<int>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_notification_campaigns", x => x.id));
        migrationBuilder.CreateIndex("ix_notification_campaigns_key", "notification_campaigns", "key", unique: true);
        migrationBuilder.CreateIndex("ix_notification_campaigns_state", "notification_campaigns", "state");

        migrationBuilder.CreateTable(
            name: "outbox_messages",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                campaign_id = t.Column<long>(nullable: false),
                member_id = t.Column<long>(nullable: false),
                channel = t.Column<string>(maxLength: 32, nullable: false),
                sent_via = t.Column<string>(maxLength: 32, nullable: true),
                template = t.Column<string>(maxLength: 64, nullable: false),
                data_json = t.Column<string>(nullable: false),
                page = t.Column<string>(maxLength: 200, nullable: true),
                state = t.Column<string>(maxLength: 16, nullable: false),
                attempts = t.Column<int>(nullable: false),
                next_attempt_at = t.Column<DateTime>(nullable: false),
                claim_token = t.Column<string>(maxLength: 36, nullable: true),
                lease_until = t.Column<DateTime>(nullable: true),
                send_started_at = t.Column<DateTime>(nullable: true),
                sent_at = t.Column<DateTime>(nullable: true),
                final_reason = t.Column<string>(maxLength: 64, nullable: true),
                error_code = t.Column<int>(nullable: true),
                wechat_msg_id = t.Column<string>(maxLength: 64, nullable: true),
                idempotency_key = t.Column<string>(maxLength: 64, nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_outbox_messages", x => x.id);
                t.ForeignKey("fk_outbox_messages_notification_campaigns_campaign_id", x => x.campaign_id, "notification_campaigns", "id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("fk_outbox_messages_members_member_id", x => x.member_id, "members", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_outbox_messages_idempotency_key", "outbox_messages", "idempotency_key", unique: true);
        migrationBuilder.CreateIndex("ix_outbox_messages_campaign_id_member_id", "outbox_messages", ["campaign_id", "member_id"], unique: true);
        migrationBuilder.CreateIndex("ix_outbox_messages_member_id", "outbox_messages", "member_id");
        migrationBuilder.CreateIndex("ix_outbox_messages_state_next_attempt_at", "outbox_messages", ["state", "next_attempt_at"]);

        migrationBuilder.CreateTable(
            name: "notification_consents",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                member_id = t.Column<long>(nullable: false),
                template_id = t.Column<string>(maxLength: 64, nullable: false),
                remaining = t.Column<int>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_notification_consents", x => x.id);
                t.ForeignKey("fk_notification_consents_members_member_id", x => x.member_id, "members", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_notification_consents_member_id_template_id", "notification_consents", ["member_id", "template_id"], unique: true);

        migrationBuilder.CreateTable(
            name: "holiday_notice_settings",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                holiday = t.Column<string>(maxLength: 32, nullable: false),
                title = t.Column<string>(maxLength: 40, nullable: false),
                content = t.Column<string>(maxLength: 100, nullable: false),
                audience = t.Column<string>(maxLength: 32, nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                updated_by_organizer_id = t.Column<long>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_holiday_notice_settings", x => x.id));
        migrationBuilder.CreateIndex("ix_holiday_notice_settings_holiday", "holiday_notice_settings", "holiday", unique: true);
    }
}
