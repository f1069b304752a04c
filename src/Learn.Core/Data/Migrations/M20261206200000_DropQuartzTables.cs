using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learn.Core.Data.Migrations;

/// <summary>
/// Learn.Jobs runs on Hangfire now (docs/decisions/0403): the tables Quartz created for itself go. Children before
/// parents, <c>IF EXISTS</c> because Quartz made them at its first start, not a migration (a database Learn.Jobs never
/// ran on has none). The same statement serves PostgreSQL and SQLite, whose names ignore case (QRTZ_ there).
/// </summary>
[DbContext(typeof(LearnDbContext))]
[Migration(Id)]
public sealed class M20261206200000_DropQuartzTables : Migration
{
    public const string Id = "20261206200000_DropQuartzTables";

    public static readonly string[] Tables =
    [
        "qrtz_fired_triggers", "qrtz_paused_trigger_grps", "qrtz_scheduler_state", "qrtz_locks", "qrtz_simple_triggers",
        "qrtz_simprop_triggers", "qrtz_cron_triggers", "qrtz_blob_triggers", "qrtz_triggers", "qrtz_job_details", "qrtz_calendars",
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables) migrationBuilder.Sql($"DROP TABLE IF EXISTS {table};");
    }
}
