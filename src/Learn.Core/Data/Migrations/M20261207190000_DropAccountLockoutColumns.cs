using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learn.Core.Data.Migrations;

/// <summary>
/// Failed sign-ins are counted in Redis now, shared by every instance (docs/decisions/0110-organizer-sign-in.md), so the
/// per-account counter and lockout columns were written but never read. They go, so nobody mistakes them for the lock.
/// Plain <c>ALTER TABLE … DROP COLUMN</c> serves PostgreSQL and SQLite (3.35 and later, as bundled) alike.
/// </summary>
[DbContext(typeof(LearnDbContext))]
[Migration("20261207190000_DropAccountLockoutColumns")]
public sealed class M20261207190000_DropAccountLockoutColumns : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("ALTER TABLE organizer_accounts DROP COLUMN failed_sign_in_count;");
        m.Sql("ALTER TABLE organizer_accounts DROP COLUMN lockout_ends_at;");
    }
}
