using System.Data.Common;
using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Tests.Data;

/// <summary>Reads the tables and columns that really exist, per provider.</summary>
internal static class DatabaseSchema
{
    public sealed record Column(string Table, string Name, bool Nullable);

    public static async Task<List<Column>> ReadAsync(LearnDbContext db)
    {
        var sql = db.Database.IsNpgsql()
            ? """
              SELECT table_name, column_name, is_nullable = 'YES'
              FROM information_schema.columns WHERE table_schema = 'public'
              """
            : """
              SELECT m.name, p.name, p."notnull" = 0 AND p.pk = 0
              FROM sqlite_master m JOIN pragma_table_info(m.name) p
              WHERE m.type = 'table'
              """;
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using DbCommand cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            var result = new List<Column>();
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                result.Add(new Column(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
