using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learn.Core.Data.Migrations;

/// <summary>Organiser API sessions, invitation codes for binding, and Mini Program login sessions (refresh tokens).</summary>
[DbContext(typeof(LearnDbContext))]
[Migration("20261122001000_OrganizerSessionsInvitationsLogins")]
public sealed class M20261122001000_OrganizerSessionsInvitationsLogins : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "organizer_sessions",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                account_id = t.Column<long>(nullable: false),
                token_hash = t.Column<string>(maxLength: 64, nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                expires_at = t.Column<DateTime>(nullable: false),
                revoked_at = t.Column<DateTime>(nullable: true),
                client_ip = t.Column<string>(maxLength: 64, nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_organizer_sessions", x => x.id);
                t.ForeignKey("fk_organizer_sessions_organizer_accounts_account_id", x => x.account_id, "organizer_accounts", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_organizer_sessions_token_hash", "organizer_sessions", "token_hash", unique: true);
        migrationBuilder.CreateIndex("ix_organizer_sessions_account_id", "organizer_sessions", "account_id");

        migrationBuilder.CreateTable(
            name: "invitation_codes",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                code = t.Column<string>(maxLength: 32, nullable: false),
                organization_id = t.Column<long>(nullable: false),
                member_id = t.Column<long>(nullable: true),
                expires_at = t.Column<DateTime>(nullable: false),
                max_uses = t.Column<int>(nullable: false),
                used_count = t.Column<int>(nullable: false),
                created_by_organizer_id = t.Column<long>(nullable: true),
                created_at = t.Column<DateTime>(nullable: false),
                revoked_at = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_invitation_codes", x => x.id);
                t.ForeignKey("fk_invitation_codes_organizations_organization_id", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("fk_invitation_codes_members_member_id", x => x.member_id, "members", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_invitation_codes_code", "invitation_codes", "code", unique: true);
        migrationBuilder.CreateIndex("ix_invitation_codes_organization_id", "invitation_codes", "organization_id");

        migrationBuilder.CreateTable(
            name: "login_sessions",
            columns: t => new
            {
                id = t.Column<string>(maxLength: 32, nullable: false),
                identity_id = t.Column<long>(nullable: false),
                refresh_token_hash = t.Column<string>(maxLength: 64, nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                expires_at = t.Column<DateTime>(nullable: false),
                last_refreshed_at = t.Column<DateTime>(nullable: true),
                revoked_at = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_login_sessions", x => x.id);
                t.ForeignKey("fk_login_sessions_wechat_identities_identity_id", x => x.identity_id, "wechat_identities", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_login_sessions_identity_id", "login_sessions", "identity_id");
    }
}
