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
            .Where(c => !c.Table.StartsWith("__", StringComparison.Ordinal) && !c.Table.StartsWith("qrtz_", StringComparison.OrdinalIgnoreCase) && c.Table != "sqlite_sequence")
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
    public async Task Migrating_twice_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await EmptyDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        await database.MigrateAsync();
        await using var db = database.NewContext();
        (await db.Database.GetAppliedMigrationsAsync()).Count().ShouldBe(DatabaseMigrator.AllMigrations(db).Count);
    }
}
