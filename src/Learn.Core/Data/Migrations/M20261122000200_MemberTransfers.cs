using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learn.Core.Data.Migrations;

/// <summary>Transfer history between branches, and the date a member left the roster.</summary>
[DbContext(typeof(LearnDbContext))]
[Migration("20261122000200_MemberTransfers")]
public sealed class M20261122000200_MemberTransfers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateOnly>(name: "left_on", table: "members", nullable: true);

        migrationBuilder.CreateTable(
            name: "member_transfers",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                member_id = t.Column<long>(nullable: false),
                from_organization_id = t.Column<long>(nullable: true),
                to_organization_id = t.Column<long>(nullable: true),
                transferred_on = t.Column<DateOnly>(nullable: false),
                reason = t.Column<string>(maxLength: 200, nullable: true),
                recorded_by_organizer_id = t.Column<long>(nullable: true),
                recorded_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_member_transfers", x => x.id);
                t.ForeignKey("fk_member_transfers_members_member_id", x => x.member_id, "members", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_member_transfers_member_id", "member_transfers", "member_id");
    }
}
