using System.ComponentModel.DataAnnotations;

namespace Learn.Core.Auth;

/// <summary>Settings for the Mini Program's own access tokens (section <c>Auth</c>).</summary>
public sealed class MemberTokenOptions
{
    public const string Section = "Auth";

    /// <summary>HMAC key for access tokens: base64 of at least 32 random bytes, shared by every API instance.</summary>
    [Required(ErrorMessage = "Auth:SigningKey is required (base64 of at least 32 random bytes).")]
    [MinLength(44, ErrorMessage = "Auth:SigningKey must be base64 of at least 32 bytes.")]
    public string? SigningKey { get; set; }

    [Range(1, 1440)]
    public int AccessTokenMinutes { get; set; } = 30;

    [Range(1, 365)]
    public int RefreshTokenDays { get; set; } = 30;
}
