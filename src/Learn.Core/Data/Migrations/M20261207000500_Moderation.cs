using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learn.Core.Data.Migrations;

/// <summary>
/// Moderation from the admin site: when a voided result revised a closed contest's frozen ranking (shown as 修订),
/// and the 答题纠错 queue's lookup of a contest's reports (organisers see the reports of the contests they own).
/// </summary>
[DbContext(typeof(LearnDbContext))]
[Migration("20261207000500_Moderation")]
public sealed class M20261207000500_Moderation : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<DateTime>(name: "final_revised_at", table: "contests", nullable: true);
        m.CreateIndex("ix_question_reports_contest_id", "question_reports", "contest_id");
    }
}
