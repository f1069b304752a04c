using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Learn.Core.Data.Migrations;

/// <summary>
/// Helpers for hand-written, provider-neutral migrations. Column store types are left to each
/// provider's type mapping (string(n) → varchar(n) / TEXT, DateTime → timestamptz / TEXT), so one
/// migration serves PostgreSQL and SQLite alike.
/// </summary>
public static class MigrationColumns
{
    /// <summary>An identity key on every provider: each ignores the other's annotation.</summary>
    public static OperationBuilder<AddColumnOperation> AutoIncrement(this OperationBuilder<AddColumnOperation> column) =>
        column
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
