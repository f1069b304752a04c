using System.Globalization;
using System.Text;

namespace Learn.Core.Questions;

/// <summary>
/// How keys and members' responses are normalised and compared. One place, so import, grading and
/// export agree: letters upper-case and sorted, true/false as 正确/错误, fill-in answers matched
/// after trimming, full-width → half-width and case folding.
/// </summary>
public static class AnswerKeys
{
    public const string True = "正确";
    public const string False = "错误";

    public static bool IsCorrect(QuestionKind kind, string key, string? response)
    {
        if (response is null) return false;
        return kind switch
        {
            QuestionKind.Single or QuestionKind.Multiple => NormaliseLetters(response) is { Length: > 0 } r && r == key,
            QuestionKind.TrueFalse => NormaliseTrueFalse(response) == key,
            QuestionKind.FillBlank => key.Split('|').Any(k => NormaliseText(k) == NormaliseText(response)),
            _ => false,
        };
    }

    /// <summary>"c a" → "AC"; null when anything but letters A–F (and separators) is present.</summary>
    public static string? NormaliseLetters(string raw)
    {
        var letters = new SortedSet<char>();
        foreach (var ch in NormaliseText(raw).ToUpperInvariant())
        {
            if (ch is >= 'A' and <= 'F') letters.Add(ch);
            else if (ch is not (' ' or ',' or '、' or ';')) return null;
        }
        return string.Concat(letters);
    }

    public static string? NormaliseTrueFalse(string raw) => NormaliseText(raw).ToUpperInvariant() switch
    {
        "正确" or "对" or "√" or "T" or "TRUE" or "Y" => True,
        "错误" or "错" or "×" or "F" or "FALSE" or "N" => False,
        _ => null,
    };

    /// <summary>Trim, full-width → half-width (incl. the ideographic space), lower case.</summary>
    public static string NormaliseText(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        foreach (var ch in raw.Trim())
        {
            if (ch == '\u3000') sb.Append(' ');
            else if (ch is >= '\uFF01' and <= '\uFF5E') sb.Append((char)(ch - 0xFEE0));
            else sb.Append(ch);
        }
        return sb.ToString().Trim().ToLower(CultureInfo.InvariantCulture);
    }
}
