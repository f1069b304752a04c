using System.ComponentModel.DataAnnotations;

namespace Learn.Core.Redis;

/// <summary>Redis settings; the connection string is <c>ConnectionStrings:Redis</c>.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    [Required(ErrorMessage = "ConnectionStrings:Redis is required.")]
    public string? ConnectionString { get; set; }

    /// <summary>Prefix for every key, so several environments (or test classes) can share one server.</summary>
    [Required, RegularExpression(@"^[a-z0-9:_\-]{1,40}$", ErrorMessage = "Redis:KeyPrefix must be 1–40 chars of a-z 0-9 : _ -.")]
    public string KeyPrefix { get; set; } = "learn:";
}
