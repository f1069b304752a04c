using System.ComponentModel.DataAnnotations;

namespace Learn.Core.Data;

/// <summary>Bound from the <c>Database</c> section; the connection string is <c>ConnectionStrings:Learn</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    [Required]
    public DatabaseProvider? Provider { get; set; }

    /// <summary>Apply pending migrations when the process starts (the embedded default does).</summary>
    public bool MigrateOnStart { get; set; }
}

public enum DatabaseProvider
{
    Postgres,
    Sqlite,
}
