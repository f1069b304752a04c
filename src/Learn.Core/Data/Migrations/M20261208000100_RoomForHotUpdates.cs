using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learn.Core.Data.Migrations;

/// <summary>
/// Every answer updates its attempt and its entry, and an issued question gets its time and deadline: rows that never
/// change an indexed column, so PostgreSQL could update them in place on their page (a HOT update: no new index
/// entries, less WAL) — but only if the page has room, and pages filled by inserts have none at the default fillfactor
/// of 100. These tables keep a fifth of each page free (docs/decisions/0312-room-for-hot-updates.md). SQLite has no
/// such setting. Existing pages keep their fill until rewritten (VACUUM FULL, or rows moving as they are updated).
/// </summary>
[DbContext(typeof(LearnDbContext))]
[Migration("20261208000100_RoomForHotUpdates")]
public sealed class M20261208000100_RoomForHotUpdates : Migration
{
    public static readonly string[] UpdatedPerAnswer = ["contest_attempts", "contest_entries", "attempt_questions"];

    protected override void Up(MigrationBuilder m)
    {
        if (!m.IsNpgsql()) return;
        foreach (var table in UpdatedPerAnswer) m.Sql($"ALTER TABLE {table} SET (fillfactor = 80);");
    }
}
