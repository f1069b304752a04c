using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learn.Core.Data.Migrations;

/// <summary>Job outcomes and run-now requests for the admin site's 任务 page (docs/decisions/0602).</summary>
[DbContext(typeof(LearnDbContext))]
[Migration("20261122006100_JobRuns")]
public sealed class M20261122006100_JobRuns : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "job_runs",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                job = t.Column<string>(maxLength: 200, nullable: false),
                scheduled_for = t.Column<DateTime>(nullable: true),
                started_at = t.Column<DateTime>(nullable: false),
                finished_at = t.Column<DateTime>(nullable: false),
                node = t.Column<string>(maxLength: 200, nullable: false),
                succeeded = t.Column<bool>(nullable: false),
                error = t.Column<string>(maxLength: 1000, nullable: true),
                request_id = t.Column<long>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_job_runs", x => x.id));
        migrationBuilder.CreateIndex("ix_job_runs_job_finished_at", "job_runs", ["job", "finished_at"]);

        migrationBuilder.CreateTable(
            name: "job_run_requests",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                job_group = t.Column<string>(maxLength: 100, nullable: false),
                job_name = t.Column<string>(maxLength: 100, nullable: false),
                requested_at = t.Column<DateTime>(nullable: false),
                requested_by_organizer_id = t.Column<long>(nullable: false),
                requested_by_name = t.Column<string>(maxLength: 100, nullable: false),
                claimed_at = t.Column<DateTime>(nullable: true),
                claimed_by = t.Column<string>(maxLength: 200, nullable: true),
                error = t.Column<string>(maxLength: 500, nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_job_run_requests", x => x.id));
        migrationBuilder.CreateIndex("ix_job_run_requests_claimed_at", "job_run_requests", "claimed_at");
    }
}
