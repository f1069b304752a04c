using System.Text.RegularExpressions;

namespace Learn.WeChat.MiniProgram;

/// <summary>
/// WeChat's limits on subscribe/template message values, checked before sending: WeChat answers a
/// violation with 47003 after the member's one-time consent may already be spent. The field type is
/// the key's name without its number (<c>thing1</c> → thing, <c>character_string2</c> → character_string).
/// </summary>
public static partial class MessageDataRules
{
    /// <summary>Every violation in <paramref name="data"/>; empty when all values are acceptable.</summary>
    /// <param name="data">Field key → value.</param>
    /// <param name="templateMessage">Also apply the Official Account template rules of 2023-05-04 (≤ 20 chars, no line breaks, no first/remark).</param>
    public static IReadOnlyList<string> Check(IReadOnlyDictionary<string, string> data, bool templateMessage = false)
    {
        var errors = new List<string>();
        if (data.Count == 0) errors.Add("data is empty.");
        foreach (var (key, value) in data)
        {
            if (string.IsNullOrWhiteSpace(value)) { errors.Add($"{key}: value is empty."); continue; }
            var length = value.EnumerateRunes().Count();
            if (templateMessage)
            {
                if (key is "first" or "remark") { errors.Add($"{key}: WeChat dropped first/remark in 2023; it would not be shown."); continue; }
                if (length > 20) errors.Add($"{key}: template values are limited to 20 characters (has {length}).");
                if (value.AsSpan().IndexOfAny('\r', '\n') >= 0) errors.Add($"{key}: template values cannot contain line breaks.");
            }
            if (TypeRule(key.TrimEnd("0123456789".ToCharArray()), value, length) is { } problem) errors.Add($"{key}: {problem}");
        }
        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every violation.</summary>
    public static void Enforce(IReadOnlyDictionary<string, string> data, bool templateMessage = false)
    {
        var errors = Check(data, templateMessage);
        if (errors.Count > 0) throw new ArgumentException("Message data rejected: " + string.Join(" ", errors), nameof(data));
    }

    private static string? TypeRule(string type, string v, int length) => type switch
    {
        "thing" => length <= 20 ? null : $"thing is limited to 20 characters (has {length}).",
        "character_string" => length <= 32 && Ascii().IsMatch(v) ? null : "character_string is up to 32 letters, digits or symbols.",
        "number" => length <= 32 && Number().IsMatch(v) ? null : "number is up to 32 digits, optionally with a decimal point.",
        "letter" => length <= 32 && Letters().IsMatch(v) ? null : "letter is up to 32 letters.",
        "symbol" => length <= 5 && Symbols().IsMatch(v) ? null : "symbol is up to 5 symbols.",
        "phrase" => Phrase().IsMatch(v) ? null : "phrase is up to 5 Chinese characters, nothing else.",
        "name" => Name(v, length) ? null : "name is up to 10 Chinese characters or 20 letters.",
        "time" => Time().IsMatch(v) ? null : "time must look like 15:01 or 2019年10月1日 15:01 (a range joined by ~).",
        "date" => Date().IsMatch(v) ? null : "date must look like 2019年10月1日, 2019-10-01 or with a time (a range joined by ~).",
        "amount" => Amount().IsMatch(v) ? null : "amount is a currency symbol and up to 10 digits, optionally with decimals and 元.",
        "phone_number" => length <= 17 && Phone().IsMatch(v) ? null : "phone_number is up to 17 digits or symbols.",
        "car_number" => length <= 8 ? null : "car_number is up to 8 characters.",
        "keyword" => null, // pre-2023 template keys: only the generic template rules apply
        _ => "unknown field type: WeChat keys look like thing1, time2, character_string3.",
    };

    private static bool Name(string v, int length)
        => v.Any(IsCjk) ? length <= 10 && ChineseName().IsMatch(v) : length <= 20 && LatinName().IsMatch(v);

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff';

    [GeneratedRegex(@"^[\x21-\x7E]+$")] private static partial Regex Ascii();
    [GeneratedRegex(@"^\d+(\.\d+)?$")] private static partial Regex Number();
    [GeneratedRegex(@"^[A-Za-z]+$")] private static partial Regex Letters();
    [GeneratedRegex(@"^[^\p{L}\p{N}\s]+$")] private static partial Regex Symbols();
    [GeneratedRegex(@"^[\u4e00-\u9fff]{1,5}$")] private static partial Regex Phrase();
    [GeneratedRegex(@"^[\u4e00-\u9fff·]+$")] private static partial Regex ChineseName();
    [GeneratedRegex(@"^[A-Za-z .'\-]+$")] private static partial Regex LatinName();
    [GeneratedRegex(@"^[¥￥$]?\d{1,10}(\.\d{1,2})?元?$")] private static partial Regex Amount();
    [GeneratedRegex(@"^[0-9+\-() ]+$")] private static partial Regex Phone();

    private const string DatePart = @"(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2})";
    private const string TimePart = @"\d{1,2}:\d{2}(:\d{2})?";
    [GeneratedRegex("^(" + DatePart + " ?)?" + TimePart + "(~(" + DatePart + " ?)?" + TimePart + ")?$")] private static partial Regex Time();
    [GeneratedRegex("^" + DatePart + "( ?" + TimePart + ")?(~" + DatePart + "( ?" + TimePart + ")?)?$")] private static partial Regex Date();
}
