using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learn.Core.Data.Migrations;

/// <summary>Contests whose boards the organiser opened to everyone (big screen without sign-in); the rest are audience-only.</summary>
[DbContext(typeof(LearnDbContext))]
[Migration("20261206000100_PublicBoards")]
public sealed class M20261206000100_PublicBoards : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<bool>(name: "public_board", table: "contests", nullable: false, defaultValue: false);
}
