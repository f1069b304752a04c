using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learn.Core.Data.Migrations;

/// <summary>
/// A version per contest entry, raised by every answer that changes it, so the board applies each change at most once
/// and never an older one after a newer (docs/decisions/0314-board-changes-by-entry-version.md). Existing rows start
/// at 0; a constant default is a catalogue change in PostgreSQL (no table rewrite) and plain ADD COLUMN in SQLite.
/// </summary>
[DbContext(typeof(LearnDbContext))]
[Migration("20261208000000_EntryBoardVersion")]
public sealed class M20261208000000_EntryBoardVersion : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.Sql("ALTER TABLE contest_entries ADD COLUMN board_version integer NOT NULL DEFAULT 0;");
}
