namespace Learn.Core.Security;

/// <summary>Mainland mobile numbers: normalisation, validation and the masked display form.</summary>
public static class Mobile
{
    /// <summary>Strips spaces, dashes and a leading +86 / 86; null when it is not an 11-digit 1xx number.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var digits = new string(input.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal)) digits = digits[2..];
        return digits.Length == 11 && digits[0] == '1' ? digits : null;
    }

    /// <summary>138****5678</summary>
    public static string Mask(string normalized) => normalized[..3] + "****" + normalized[^4..];
}
