using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Tests.Data;

/// <summary>
/// EF's repeated queries are prepared on PostgreSQL (docs/decisions/0310), so the server parses and plans them once per
/// pooled connection, not once per request; an operator's own setting wins.
/// </summary>
public sealed class AutoPrepareTests
{
    [Fact]
    public async Task A_query_run_again_on_a_connection_is_a_prepared_statement()
    {
        await using var database = await EmptyDatabase.CreateAsync(DatabaseProvider.Postgres);
        await database.MigrateAsync();
        await using var db = database.NewContext();
        await db.Database.OpenConnectionAsync();
        for (var i = 0; i < 3; i++)
            await db.Members.Where(m => m.Id == i).Select(m => m.Name).ToListAsync();

        Assert.True(await PreparedCountAsync(db) > 0, "the repeated query should be prepared on the connection");
    }

    [Fact]
    public void An_operators_own_auto_prepare_setting_is_kept()
    {
        const string own = "Host=db;Database=learn;Max Auto Prepare=0";
        Assert.Equal(own, DatabaseRegistration.WithAutoPrepare(own));
        var defaulted = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseRegistration.WithAutoPrepare("Host=db;Database=learn;Password=秘密"));
        Assert.Equal(DatabaseRegistration.AutoPrepared, defaulted.MaxAutoPrepare);
        Assert.Equal("秘密", defaulted.Password);
    }

    private static async Task<long> PreparedCountAsync(LearnDbContext db)
    {
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM pg_prepared_statements";
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
