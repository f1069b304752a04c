using System.ComponentModel.DataAnnotations;

namespace Learn.Core.Security;

/// <summary><c>Security:PersonalDataKey</c>: base64 of 32 random bytes; never in the repository.</summary>
public sealed class PersonalDataOptions
{
    public const string Section = "Security";

    [Required(ErrorMessage = "Security:PersonalDataKey is required (base64 of 32 random bytes).")]
    [Base64Key32]
    public string? PersonalDataKey { get; set; }
}

[AttributeUsage(AttributeTargets.Property)]
internal sealed class Base64Key32Attribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string s) return ValidationResult.Success;
        var buffer = new byte[64];
        return Convert.TryFromBase64String(s, buffer, out var n) && n == 32
            ? ValidationResult.Success
            : new ValidationResult($"{validationContext.DisplayName} must be base64 of exactly 32 bytes.");
    }
}
