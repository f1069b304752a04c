using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learn.Core.Data.Migrations;

/// <summary>
/// Notices organisers write (通知), and the index the outbox's fair claim walks: campaigns with due rows, then
/// each campaign's first due rows (docs/decisions/0411).
/// </summary>
[DbContext(typeof(LearnDbContext))]
[Migration("20261207001000_NoticesAndFairClaims")]
public sealed class M20261207001000_NoticesAndFairClaims : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex("ix_outbox_messages_state_campaign_id_next_attempt_at_id", "outbox_messages",
            ["state", "campaign_id", "next_attempt_at", "id"]);
        migrationBuilder.CreateTable(
            name: "notices",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                author_id = t.Column<long>(nullable: false),
                author_name = t.Column<string>(maxLength: 100, nullable: false),
                organization_id = t.Column<long>(nullable: true),
                title = t.Column<string>(maxLength: 20, nullable: false),
                content = t.Column<string>(maxLength: 20, nullable: false),
                channel = t.Column<string>(maxLength: 32, nullable: false),
                recipients = t.Column<string>(maxLength: 400, nullable: false),
                campaign_id = t.Column<long>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_notices", x => x.id);
                t.ForeignKey("fk_notices_organizer_accounts_author_id", x => x.author_id, "organizer_accounts", "id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("fk_notices_organizations_organization_id", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("fk_notices_notification_campaigns_campaign_id", x => x.campaign_id, "notification_campaigns", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_notices_campaign_id", "notices", "campaign_id", unique: true);
        migrationBuilder.CreateIndex("ix_notices_author_id_created_at", "notices", ["author_id", "created_at"]);
        migrationBuilder.CreateIndex("ix_notices_organization_id", "notices", "organization_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("notices");
        migrationBuilder.DropIndex("ix_outbox_messages_state_campaign_id_next_attempt_at_id", "outbox_messages");
    }
}
