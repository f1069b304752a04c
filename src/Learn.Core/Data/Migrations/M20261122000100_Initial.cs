using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learn.Core.Data.Migrations;

/// <summary>The organisation tree, members, WeChat identities, organiser accounts and the audit log.</summary>
[DbContext(typeof(LearnDbContext))]
[Migration("20261122000100_Initial")]
public sealed class M20261122000100_Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "organizations",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                parent_id = t.Column<long>(nullable: true),
                name = t.Column<string>(maxLength: 100, nullable: false),
                kind = t.Column<string>(maxLength: 32, nullable: false),
                path = t.Column<string>(maxLength: 400, nullable: false),
                sort_order = t.Column<int>(nullable: false),
                term_start = t.Column<DateOnly>(nullable: true),
                term_end = t.Column<DateOnly>(nullable: true),
                created_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_organizations", x => x.id);
                t.ForeignKey("fk_organizations_organizations_parent_id", x => x.parent_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_organizations_parent_id", "organizations", "parent_id");
        migrationBuilder.CreateIndex("ix_organizations_path", "organizations", "path");

        migrationBuilder.CreateTable(
            name: "members",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                name = t.Column<string>(maxLength: 50, nullable: false),
                gender = t.Column<string>(maxLength: 16, nullable: false),
                mobile_cipher = t.Column<string>(maxLength: 200, nullable: true),
                mobile_hash = t.Column<string>(maxLength: 64, nullable: true),
                mobile_masked = t.Column<string>(maxLength: 20, nullable: true),
                organization_id = t.Column<long>(nullable: false),
                joined_party_on = t.Column<DateOnly>(nullable: false),
                full_member_on = t.Column<DateOnly>(nullable: true),
                status = t.Column<string>(maxLength: 16, nullable: false),
                post = t.Column<string>(maxLength: 50, nullable: true),
                is_leading_cadre = t.Column<bool>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_members", x => x.id);
                t.ForeignKey("fk_members_organizations_organization_id", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_members_organization_id", "members", "organization_id");
        migrationBuilder.CreateIndex("ix_members_mobile_hash", "members", "mobile_hash");
        migrationBuilder.CreateIndex("ix_members_name", "members", "name");

        migrationBuilder.CreateTable(
            name: "wechat_identities",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                app_kind = t.Column<string>(maxLength: 32, nullable: false),
                app_id = t.Column<string>(maxLength: 64, nullable: false),
                open_id = t.Column<string>(maxLength: 64, nullable: false),
                union_id = t.Column<string>(maxLength: 64, nullable: true),
                session_key_cipher = t.Column<string>(maxLength: 200, nullable: true),
                member_id = t.Column<long>(nullable: true),
                bound_at = t.Column<DateTime>(nullable: true),
                subscribed = t.Column<bool>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                last_seen_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_wechat_identities", x => x.id);
                t.ForeignKey("fk_wechat_identities_members_member_id", x => x.member_id, "members", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_wechat_identities_app_id_open_id", "wechat_identities", ["app_id", "open_id"], unique: true);
        migrationBuilder.CreateIndex("ix_wechat_identities_union_id", "wechat_identities", "union_id");
        migrationBuilder.CreateIndex("ix_wechat_identities_member_id", "wechat_identities", "member_id");

        migrationBuilder.CreateTable(
            name: "organizer_accounts",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                user_name = t.Column<string>(maxLength: 64, nullable: false),
                display_name = t.Column<string>(maxLength: 64, nullable: false),
                password_hash = t.Column<string>(maxLength: 200, nullable: false),
                role = t.Column<string>(maxLength: 32, nullable: false),
                organization_id = t.Column<long>(nullable: true),
                member_id = t.Column<long>(nullable: true),
                failed_sign_in_count = t.Column<int>(nullable: false),
                lockout_ends_at = t.Column<DateTime>(nullable: true),
                is_active = t.Column<bool>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                last_sign_in_at = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_organizer_accounts", x => x.id);
                t.ForeignKey("fk_organizer_accounts_organizations_organization_id", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_organizer_accounts_user_name", "organizer_accounts", "user_name", unique: true);

        migrationBuilder.CreateTable(
            name: "audit_log",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                occurred_at = t.Column<DateTime>(nullable: false),
                actor_kind = t.Column<string>(maxLength: 16, nullable: false),
                actor_id = t.Column<long>(nullable: true),
                actor_name = t.Column<string>(maxLength: 64, nullable: false),
                action = t.Column<string>(maxLength: 64, nullable: false),
                entity_type = t.Column<string>(maxLength: 64, nullable: false),
                entity_id = t.Column<string>(maxLength: 64, nullable: true),
                organization_path = t.Column<string>(maxLength: 400, nullable: true),
                before = t.Column<string>(nullable: true),
                after = t.Column<string>(nullable: true),
                reason = t.Column<string>(maxLength: 500, nullable: true),
                client_ip = t.Column<string>(maxLength: 64, nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_audit_log", x => x.id));
        migrationBuilder.CreateIndex("ix_audit_log_occurred_at", "audit_log", "occurred_at");
        migrationBuilder.CreateIndex("ix_audit_log_entity_type_entity_id", "audit_log", ["entity_type", "entity_id"]);
    }
}
