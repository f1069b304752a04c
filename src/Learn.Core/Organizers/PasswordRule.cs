namespace Learn.Core.Organizers;

/// <summary>
/// How strong an organiser password must be: long enough, three kinds of character out of
/// lower case, upper case, digits and symbols, and not the user name in disguise. The admin
/// site guards thousands of members' personal data, so "1234567890" is not enough.
/// </summary>
public static class PasswordRule
{
    public const int MinLength = 12;

    /// <summary>Null when the password is acceptable, else the reason in Chinese.</summary>
    public static string? Check(string userName, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength) return $"密码至少{MinLength}位";
        if (password.Length > 128) return "密码不能超过128位";
        var kinds = new[] { password.Any(char.IsLower), password.Any(char.IsUpper), password.Any(char.IsDigit), password.Any(c => !char.IsLetterOrDigit(c)) }
            .Count(k => k);
        if (kinds < 3) return "密码须包含小写字母、大写字母、数字、符号中的至少三类";
        if (password.Contains(userName, StringComparison.OrdinalIgnoreCase)) return "密码不能包含用户名";
        return null;
    }
}
