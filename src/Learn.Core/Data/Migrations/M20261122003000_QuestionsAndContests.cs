using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learn.Core.Data.Migrations;

/// <summary>Question bank (versioned), error reports, contests, attempts, answers, live rounds, final ranks.</summary>
[DbContext(typeof(LearnDbContext))]
[Migration("20261122003000_QuestionsAndContests")]
public sealed class M20261122003000_QuestionsAndContests : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("questions", t => new
        {
            id = t.Column<long>(nullable: false).AutoIncrement(),
            kind = t.Column<string>(maxLength: 16, nullable: false),
            tags = t.Column<string>(maxLength: 200, nullable: false),
            difficulty = t.Column<string>(maxLength: 16, nullable: false),
            is_active = t.Column<bool>(nullable: false),
            current_version_id = t.Column<long>(nullable: true),
            version_no = t.Column<int>(nullable: false),
            created_at = t.Column<DateTime>(nullable: false),
            updated_at = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_questions", x => x.id));
        m.CreateIndex("ix_questions_is_active_difficulty", "questions", ["is_active", "difficulty"]);

        m.CreateTable("question_versions", t => new
        {
            id = t.Column<long>(nullable: false).AutoIncrement(),
            question_id = t.Column<long>(nullable: false),
            version_no = t.Column<int>(nullable: false),
            kind = t.Column<string>(maxLength: 16, nullable: false),
            stem = t.Column<string>(maxLength: 1000, nullable: false),
            options_json = t.Column<string>(nullable: false),
            answer_key = t.Column<string>(maxLength: 500, nullable: false),
            explanation = t.Column<string>(nullable: false),
            difficulty = t.Column<string>(maxLength: 16, nullable: false),
            tags = t.Column<string>(maxLength: 200, nullable: false),
            created_at = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_question_versions", x => x.id);
            t.ForeignKey("fk_question_versions_questions_question_id", x => x.question_id, "questions", "id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("ix_question_versions_question_id_version_no", "question_versions", ["question_id", "version_no"], unique: true);

        m.CreateTable("question_reports", t => new
        {
            id = t.Column<long>(nullable: false).AutoIncrement(),
            question_id = t.Column<long>(nullable: false),
            question_version_id = t.Column<long>(nullable: false),
            member_id = t.Column<long>(nullable: false),
            contest_id = t.Column<long>(nullable: true),
            note = t.Column<string>(maxLength: 500, nullable: false),
            status = t.Column<string>(maxLength: 16, nullable: false),
            resolution = t.Column<string>(maxLength: 500, nullable: true),
            resolved_by = t.Column<string>(maxLength: 64, nullable: true),
            created_at = t.Column<DateTime>(nullable: false),
            resolved_at = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_question_reports", x => x.id);
            t.ForeignKey("fk_question_reports_question_versions_question_version_id", x => x.question_version_id, "question_versions", "id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("ix_question_reports_status_created_at", "question_reports", ["status", "created_at"]);
        m.CreateIndex("ix_question_reports_question_version_id", "question_reports", "question_version_id");

        CreateContests(m);
        CreateAttempts(m);
    }

    private static void CreateContests(MigrationBuilder m)
    {
        m.CreateTable("contests", t => new
        {
            id = t.Column<long>(nullable: false).AutoIncrement(),
            title = t.Column<string>(maxLength: 100, nullable: false),
            description = t.Column<string>(nullable: false),
            mode = t.Column<string>(maxLength: 16, nullable: false),
            starts_at = t.Column<DateTime>(nullable: false),
            ends_at = t.Column<DateTime>(nullable: false),
            organization_id = t.Column<long>(nullable: false),
            organization_path = t.Column<string>(maxLength: 400, nullable: false),
            audience_paths = t.Column<string>(maxLength: 2000, nullable: false),
            has_whitelist = t.Column<bool>(nullable: false),
            categories = t.Column<string>(maxLength: 200, nullable: false),
            easy_count = t.Column<int>(nullable: false),
            medium_count = t.Column<int>(nullable: false),
            hard_count = t.Column<int>(nullable: false),
            seconds_per_question = t.Column<int>(nullable: false),
            attempts_per_day = t.Column<int>(nullable: false),
            attempts_total = t.Column<int>(nullable: false),
            points_per_correct = t.Column<int>(nullable: false),
            speed_bonus_max = t.Column<int>(nullable: false),
            min_human_ms = t.Column<int>(nullable: false),
            hide_board_until_close = t.Column<bool>(nullable: false),
            created_at = t.Column<DateTime>(nullable: false),
            closed_at = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_contests", x => x.id));
        m.CreateIndex("ix_contests_ends_at", "contests", "ends_at");

        m.CreateTable("contest_whitelist", t => new
        {
            contest_id = t.Column<long>(nullable: false),
            member_id = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_contest_whitelist", x => new { x.contest_id, x.member_id });
            t.ForeignKey("fk_contest_whitelist_contests_contest_id", x => x.contest_id, "contests", "id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("contest_entries", t => new
        {
            id = t.Column<long>(nullable: false).AutoIncrement(),
            contest_id = t.Column<long>(nullable: false),
            member_id = t.Column<long>(nullable: false),
            identity_id = t.Column<long>(nullable: false),
            organization_id = t.Column<long>(nullable: false),
            organization_path = t.Column<string>(maxLength: 400, nullable: false),
            score = t.Column<int>(nullable: false),
            correct_count = t.Column<int>(nullable: false),
            total_ms = t.Column<long>(nullable: false),
            reached_at = t.Column<DateTime>(nullable: true),
            best_attempt_id = t.Column<long>(nullable: true),
            last_delta = t.Column<int>(nullable: false),
            voided = t.Column<bool>(nullable: false),
            joined_at = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_contest_entries", x => x.id);
            t.ForeignKey("fk_contest_entries_contests_contest_id", x => x.contest_id, "contests", "id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("ix_contest_entries_contest_id_member_id", "contest_entries", ["contest_id", "member_id"], unique: true);

        m.CreateTable("contest_final_ranks", t => new
        {
            id = t.Column<long>(nullable: false).AutoIncrement(),
            contest_id = t.Column<long>(nullable: false),
            rank = t.Column<int>(nullable: false),
            member_id = t.Column<long>(nullable: false),
            organization_id = t.Column<long>(nullable: false),
            organization_path = t.Column<string>(maxLength: 400, nullable: false),
            score = t.Column<int>(nullable: false),
            correct_count = t.Column<int>(nullable: false),
            total_ms = t.Column<long>(nullable: false),
            reached_at = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_contest_final_ranks", x => x.id));
        m.CreateIndex("ix_contest_final_ranks_contest_id_rank", "contest_final_ranks", ["contest_id", "rank"], unique: true);
        m.CreateIndex("ix_contest_final_ranks_contest_id_member_id", "contest_final_ranks", ["contest_id", "member_id"]);
    }

    private static void CreateAttempts(MigrationBuilder m)
    {
        m.CreateTable("contest_attempts", t => new
        {
            id = t.Column<long>(nullable: false).AutoIncrement(),
            contest_id = t.Column<long>(nullable: false),
            member_id = t.Column<long>(nullable: false),
            number = t.Column<int>(nullable: false),
            started_at = t.Column<DateTime>(nullable: false),
            started_on = t.Column<DateOnly>(nullable: false),
            status = t.Column<string>(maxLength: 16, nullable: false),
            question_count = t.Column<int>(nullable: false),
            answered_count = t.Column<int>(nullable: false),
            score = t.Column<int>(nullable: false),
            correct_count = t.Column<int>(nullable: false),
            total_ms = t.Column<long>(nullable: false),
            reached_at = t.Column<DateTime>(nullable: true),
            finished_at = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_contest_attempts", x => x.id);
            t.ForeignKey("fk_contest_attempts_contests_contest_id", x => x.contest_id, "contests", "id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("ix_contest_attempts_contest_id_member_id_number", "contest_attempts", ["contest_id", "member_id", "number"], unique: true);

        m.CreateTable("attempt_questions", t => new
        {
            id = t.Column<long>(nullable: false).AutoIncrement(),
            attempt_id = t.Column<long>(nullable: false),
            seq = t.Column<int>(nullable: false),
            question_version_id = t.Column<long>(nullable: false),
            issued_at = t.Column<DateTime>(nullable: true),
            deadline = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_attempt_questions", x => x.id);
            t.ForeignKey("fk_attempt_questions_contest_attempts_attempt_id", x => x.attempt_id, "contest_attempts", "id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("ix_attempt_questions_attempt_id_seq", "attempt_questions", ["attempt_id", "seq"], unique: true);

        m.CreateTable("contest_answers", t => new
        {
            id = t.Column<long>(nullable: false).AutoIncrement(),
            contest_id = t.Column<long>(nullable: false),
            attempt_id = t.Column<long>(nullable: false),
            seq = t.Column<int>(nullable: false),
            member_id = t.Column<long>(nullable: false),
            question_version_id = t.Column<long>(nullable: false),
            request_id = t.Column<string>(maxLength: 64, nullable: false),
            response = t.Column<string>(maxLength: 500, nullable: false),
            answered_at = t.Column<DateTime>(nullable: false),
            elapsed_ms = t.Column<long>(nullable: false),
            is_correct = t.Column<bool>(nullable: false),
            is_late = t.Column<bool>(nullable: false),
            points = t.Column<int>(nullable: false),
            too_fast = t.Column<bool>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_contest_answers", x => x.id));
        m.CreateIndex("ix_contest_answers_attempt_id_seq", "contest_answers", ["attempt_id", "seq"], unique: true);
        m.CreateIndex("ix_contest_answers_contest_id_member_id", "contest_answers", ["contest_id", "member_id"]);

        m.CreateTable("live_rounds", t => new
        {
            id = t.Column<long>(nullable: false).AutoIncrement(),
            contest_id = t.Column<long>(nullable: false),
            seq = t.Column<int>(nullable: false),
            question_version_id = t.Column<long>(nullable: false),
            opened_at = t.Column<DateTime>(nullable: false),
            closes_at = t.Column<DateTime>(nullable: false),
            closed_at = t.Column<DateTime>(nullable: true),
            revealed_at = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_live_rounds", x => x.id);
            t.ForeignKey("fk_live_rounds_contests_contest_id", x => x.contest_id, "contests", "id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("ix_live_rounds_contest_id_seq", "live_rounds", ["contest_id", "seq"], unique: true);
    }
}
