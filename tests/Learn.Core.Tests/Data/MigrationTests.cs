using Learn.Core.Data;
using Learn.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Tests.Data;

/// <summary>
/// Our migrations are written by hand (no EF design tools here), so these tests are what keeps
/// them honest: every provider reaches exactly the model's schema, and upgrades keep data.
/// </summary>
public class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task Fresh_database_reaches_the_models_schema(DatabaseProvider provider)
    {
        await using var database = await EmptyDatabase.CreateAsync(provider);
        await database.MigrateAsync();

        await using var db = database.NewContext();
        var actual = (await DatabaseSchema.ReadAsync(db))
            .Where(c => !c.Table.StartsWith("__", StringComparison.Ordinal) && c.Table != "sqlite_sequence")
            .ToDictionary(c => $"{c.Table}.{c.Name}", c => c.Nullable);
        var expected = db.Model.GetRelationalModel().Tables
            .SelectMany(t => t.Columns.Select(c => (Key: $"{t.Name}.{c.Name}", c.IsNullable)))
            .ToDictionary(c => c.Key, c => c.IsNullable);

        expected.Keys.Except(actual.Keys).ShouldBeEmpty("columns in the model but missing from the migrations");
        actual.Keys.Except(expected.Keys).ShouldBeEmpty("columns created by migrations but absent from the model");
        foreach (var (column, nullable) in expected)
            actual[column].ShouldBe(nullable, $"nullability of {column}");
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task Database_at_the_previous_version_upgrades_with_its_data_intact(DatabaseProvider provider)
    {
        await using var database = await EmptyDatabase.CreateAsync(provider);
        string previous, latest;
        await using (var db = database.NewContext())
        {
            var all = DatabaseMigrator.AllMigrations(db);
            all.Count.ShouldBeGreaterThan(1);
            previous = all[^2];
            latest = all[^1];
        }
        await database.MigrateAsync(previous);

        // Rows written by the previous version, in SQL, as that version's code would have.
        await using (var db = database.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO organizations (name, kind, path, sort_order, created_at)
                VALUES ('市直机关工委', 'PartyCommittee', '/1/', 0, '2026-01-01 00:00:00+00');
                INSERT INTO members (name, gender, organization_id, joined_party_on, status, is_leading_cadre, created_at, updated_at)
                VALUES ('张红梅', 'Female', 1, '1996-07-01', 'Active', FALSE, '2026-01-01 00:00:00+00', '2026-01-01 00:00:00+00');
                """);
        }

        await database.MigrateAsync();

        await using (var db = database.NewContext())
        {
            (await db.Database.GetAppliedMigrationsAsync()).Last().ShouldBe(latest);
            var member = await db.Members.Include(m => m.Organization).SingleAsync();
            member.Name.ShouldBe("张红梅");
            member.Gender.ShouldBe(Gender.Female);
            member.JoinedPartyOn.ShouldBe(new DateOnly(1996, 7, 1));
            member.Organization!.Name.ShouldBe("市直机关工委");
            member.CreatedAt.ShouldBe(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task The_tables_quartz_left_behind_are_dropped_and_nothing_else(DatabaseProvider provider)
    {
        await using var database = await EmptyDatabase.CreateAsync(provider);
        string before;
        await using (var db = database.NewContext())
        {
            var all = DatabaseMigrator.AllMigrations(db).ToList();
            before = all[all.IndexOf(Learn.Core.Data.Migrations.M20261206200000_DropQuartzTables.Id) - 1];
        }
        await database.MigrateAsync(before);
        // What Quartz's schema looked like, as far as dropping it matters: the tables, and a key between two of them.
        await using (var db = database.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE qrtz_job_details (sched_name VARCHAR(120) NOT NULL, job_name VARCHAR(200) NOT NULL, PRIMARY KEY (sched_name, job_name))");
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TABLE qrtz_triggers (sched_name VARCHAR(120) NOT NULL, trigger_name VARCHAR(200) NOT NULL, job_name VARCHAR(200) NOT NULL,
                  PRIMARY KEY (sched_name, trigger_name), FOREIGN KEY (sched_name, job_name) REFERENCES qrtz_job_details (sched_name, job_name))
                """);
            var others = Learn.Core.Data.Migrations.M20261206200000_DropQuartzTables.Tables.Except(["qrtz_job_details", "qrtz_triggers"]);
            // Fixed names from the migration itself, not input.
            var create = string.Concat(others.Select(t => $"CREATE TABLE {t} (sched_name VARCHAR(120) NOT NULL);"));
#pragma warning disable EF1003
            await db.Database.ExecuteSqlRawAsync(create);
#pragma warning restore EF1003
            await db.Database.ExecuteSqlRawAsync("INSERT INTO qrtz_job_details VALUES ('learn-jobs', 'term-reminders')");
            await db.Database.ExecuteSqlRawAsync("INSERT INTO qrtz_triggers VALUES ('learn-jobs', 'term-reminders-daily', 'term-reminders')");
        }

        await database.MigrateAsync();

        await using var check = database.NewContext();
        var tables = (await DatabaseSchema.ReadAsync(check)).Select(c => c.Table).Distinct().ToList();
        tables.Where(t => t.StartsWith("qrtz_", StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty();
        tables.ShouldContain("job_runs");
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task Migrating_twice_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await EmptyDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        await database.MigrateAsync();
        await using var db = database.NewContext();
        (await db.Database.GetAppliedMigrationsAsync()).Count().ShouldBe(DatabaseMigrator.AllMigrations(db).Count);
    }
}
