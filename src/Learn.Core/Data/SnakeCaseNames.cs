using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Data;

/// <summary>
/// snake_case tables and columns, so hand-written SQL (benchmarks, reports) needs no quoting on
/// PostgreSQL. EFCore.NamingConventions for EF 10 is not in the package copy here, hence this.
/// Table names are pluralised by EF already (DbSet names or explicit ToTable).
/// </summary>
internal static class SnakeCaseNames
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table && !IsSnake(table))
                entity.SetTableName(ToSnake(DefaultTableName(entity.ClrType.Name)));
            foreach (var property in entity.GetProperties())
                property.SetColumnName(ToSnake(property.Name));
            foreach (var key in entity.GetKeys())
                key.SetName(ToSnake(key.GetName() ?? "pk_" + entity.ClrType.Name));
            foreach (var fk in entity.GetForeignKeys())
                fk.SetConstraintName(ToSnake(fk.GetConstraintName() ?? "fk"));
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName(ToSnake(index.GetDatabaseName() ?? "ix"));
        }
    }

    /// <summary>Entities without an explicit table name get the pluralised class name.</summary>
    private static string DefaultTableName(string clrName) =>
        clrName.EndsWith('y') && !clrName.EndsWith("ey", StringComparison.Ordinal) ? clrName[..^1] + "ies"
        : clrName.EndsWith('s') ? clrName + "es"
        : clrName + "s";

    private static bool IsSnake(string name) => name.All(c => !char.IsUpper(c));

    public static string ToSnake(string name)
    {
        // "WeChat" is one word to us: wechat_identities, not we_chat_identities.
        name = name.Replace("WeChat", "Wechat", StringComparison.Ordinal);
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var prevLower = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (i > 0 && name[i - 1] != '_' && (prevLower || (nextLower && char.IsUpper(name[i - 1]))))
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
