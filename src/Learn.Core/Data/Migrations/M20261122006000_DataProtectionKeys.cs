using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learn.Core.Data.Migrations;

/// <summary>Data Protection keys shared by the admin site's instances (docs/decisions/0600).</summary>
[DbContext(typeof(LearnDbContext))]
[Migration("20261122006000_DataProtectionKeys")]
public sealed class M20261122006000_DataProtectionKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "data_protection_keys",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                friendly_name = t.Column<string>(maxLength: 100, nullable: false),
                xml = t.Column<string>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_data_protection_keys", x => x.id));
        migrationBuilder.CreateIndex("ix_data_protection_keys_friendly_name", "data_protection_keys", "friendly_name", unique: true);
    }
}
