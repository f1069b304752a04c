using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learn.Core.Data.Migrations;

/// <summary>A member is bound to at most one WeChat identity per app (closes a binding race).</summary>
[DbContext(typeof(LearnDbContext))]
[Migration("20261122000300_OneIdentityPerMember")]
public sealed class M20261122000300_OneIdentityPerMember : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex(
            "ix_wechat_identities_member_id_app_kind", "wechat_identities", ["member_id", "app_kind"],
            unique: true, filter: "member_id IS NOT NULL");
}
