using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learn.Core.Data.Migrations;

/// <summary>Campaigns whose recipients the dispatcher writes in batches from a named rule (ADR 0402).</summary>
[DbContext(typeof(LearnDbContext))]
[Migration("20261122004100_StreamedCampaigns")]
public sealed class M20261122004100_StreamedCampaigns : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "recipient_source", table: "notification_campaigns", maxLength: 32, nullable: true);
        migrationBuilder.AddColumn<string>(name: "source_json", table: "notification_campaigns", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "source_json", table: "notification_campaigns");
        migrationBuilder.DropColumn(name: "recipient_source", table: "notification_campaigns");
    }
}
