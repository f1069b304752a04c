using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learn.Core.Data.Migrations;

/// <summary>Study articles and their columns, server-measured readings, and the study points ledger.</summary>
[DbContext(typeof(LearnDbContext))]
[Migration("20261122002000_Study")]
public sealed class M20261122002000_Study : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "article_columns",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                name = t.Column<string>(maxLength: 32, nullable: false),
                sort_order = t.Column<int>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_article_columns", x => x.id));
        migrationBuilder.CreateIndex("ix_article_columns_name", "article_columns", "name", unique: true);
        // The four columns every unit starts with; organisers add more.
        // Plain SQL: InsertData would need a model snapshot we do not keep (hand-written migrations).
        migrationBuilder.Sql("""
            INSERT INTO article_columns (name, sort_order, created_at) VALUES
            ('党史学习', 1, '2026-11-22 00:00:00+00'),
            ('党纪学习教育', 2, '2026-11-22 00:00:00+00'),
            ('理论武装', 3, '2026-11-22 00:00:00+00'),
            ('廉洁教育', 4, '2026-11-22 00:00:00+00');
            """);

        migrationBuilder.CreateTable(
            name: "articles",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                title = t.Column<string>(maxLength: 100, nullable: false),
                column_id = t.Column<long>(nullable: false),
                summary = t.Column<string>(maxLength: 200, nullable: false),
                cover_image_url = t.Column<string>(maxLength: 500, nullable: true),
                source = t.Column<string>(maxLength: 100, nullable: false),
                body_format = t.Column<string>(maxLength: 16, nullable: false),
                body = t.Column<string>(nullable: false),
                body_html = t.Column<string>(nullable: false),
                text_length = t.Column<int>(nullable: false),
                audience_organization_id = t.Column<long>(nullable: false),
                audience_path = t.Column<string>(maxLength: 400, nullable: false),
                publish_on = t.Column<DateOnly>(nullable: true),
                min_reading_seconds = t.Column<int>(nullable: false),
                min_reading_seconds_set = t.Column<bool>(nullable: false),
                created_by_organizer_id = t.Column<long>(nullable: true),
                created_at = t.Column<DateTime>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_articles", x => x.id);
                t.ForeignKey("fk_articles_article_columns_column_id", x => x.column_id, "article_columns", "id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("fk_articles_organizations_audience_organization_id", x => x.audience_organization_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_articles_publish_on", "articles", "publish_on");
        migrationBuilder.CreateIndex("ix_articles_column_id_publish_on", "articles", ["column_id", "publish_on"]);
        migrationBuilder.CreateIndex("ix_articles_audience_organization_id", "articles", "audience_organization_id");

        migrationBuilder.CreateTable(
            name: "article_readings",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                member_id = t.Column<long>(nullable: false),
                article_id = t.Column<long>(nullable: false),
                started_at = t.Column<DateTime>(nullable: false),
                completed_at = t.Column<DateTime>(nullable: true),
                points_awarded = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_article_readings", x => x.id);
                t.ForeignKey("fk_article_readings_articles_article_id", x => x.article_id, "articles", "id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("fk_article_readings_members_member_id", x => x.member_id, "members", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_article_readings_member_id_article_id", "article_readings", ["member_id", "article_id"], unique: true);
        migrationBuilder.CreateIndex("ix_article_readings_article_id", "article_readings", "article_id");

        migrationBuilder.CreateTable(
            name: "study_point_entries",
            columns: t => new
            {
                id = t.Column<long>(nullable: false).AutoIncrement(),
                member_id = t.Column<long>(nullable: false),
                kind = t.Column<string>(maxLength: 16, nullable: false),
                points = t.Column<int>(nullable: false),
                requested_points = t.Column<int>(nullable: false),
                reason = t.Column<string>(maxLength: 200, nullable: false),
                idempotency_key = t.Column<string>(maxLength: 100, nullable: false),
                day = t.Column<DateOnly>(nullable: false),
                occurred_at = t.Column<DateTime>(nullable: false),
                branch_id = t.Column<long>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_study_point_entries", x => x.id);
                t.ForeignKey("fk_study_point_entries_members_member_id", x => x.member_id, "members", "id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("fk_study_point_entries_organizations_branch_id", x => x.branch_id, "organizations", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_study_point_entries_member_id_idempotency_key", "study_point_entries", ["member_id", "idempotency_key"], unique: true);
        migrationBuilder.CreateIndex("ix_study_point_entries_member_id_day", "study_point_entries", ["member_id", "day"]);
        migrationBuilder.CreateIndex("ix_study_point_entries_day", "study_point_entries", "day");
        migrationBuilder.CreateIndex("ix_study_point_entries_branch_id", "study_point_entries", "branch_id");

        migrationBuilder.CreateTable(
            name: "study_point_accounts",
            columns: t => new
            {
                member_id = t.Column<long>(nullable: false),
                total = t.Column<int>(nullable: false),
                streak_days = t.Column<int>(nullable: false),
                longest_streak_days = t.Column<int>(nullable: false),
                last_study_day = t.Column<DateOnly>(nullable: true),
                version = t.Column<int>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_study_point_accounts", x => x.member_id);
                t.ForeignKey("fk_study_point_accounts_members_member_id", x => x.member_id, "members", "id", onDelete: ReferentialAction.Restrict);
            });
    }
}
