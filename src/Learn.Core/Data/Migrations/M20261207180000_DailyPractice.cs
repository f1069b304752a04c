using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learn.Core.Data.Migrations;

/// <summary>每日答题: one practice per member and Asia/Shanghai day, and its questions with the member's first answer.</summary>
[DbContext(typeof(LearnDbContext))]
[Migration("20261207180000_DailyPractice")]
public sealed class M20261207180000_DailyPractice : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "practice_sessions",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                member_id = t.Column<long>(nullable: false),
                day = t.Column<DateOnly>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_practice_sessions", x => x.id);
                t.ForeignKey("fk_practice_sessions_members_member_id", x => x.member_id, "members", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_practice_sessions_member_id_day", "practice_sessions", ["member_id", "day"], unique: true);

        migrationBuilder.CreateTable(
            name: "practice_items",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                session_id = t.Column<long>(nullable: false),
                seq = t.Column<int>(nullable: false),
                question_version_id = t.Column<long>(nullable: false),
                response = t.Column<string>(maxLength: 200, nullable: true),
                correct = t.Column<bool>(nullable: true),
                answered_at = t.Column<DateTime>(nullable: true),
                points_awarded = t.Column<int>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_practice_items", x => x.id);
                t.ForeignKey("fk_practice_items_practice_sessions_session_id", x => x.session_id, "practice_sessions", "id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("fk_practice_items_question_versions_question_version_id", x => x.question_version_id, "question_versions", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_practice_items_session_id_seq", "practice_items", ["session_id", "seq"], unique: true);
        migrationBuilder.CreateIndex("ix_practice_items_question_version_id", "practice_items", "question_version_id");
    }
}
