using System.Globalization;

namespace Learn.Core.Study;

/// <summary>
/// One demo article file (src/Learn.Core/Demo/data/articles/NN-slug.md, format in TEAM.md):
/// front matter between <c>---</c> lines with <c>title</c>, <c>column</c>, <c>source</c> and
/// <c>dayOffset</c> (comments after <c> #</c> allowed), then the Markdown body.
/// </summary>
public sealed record ArticleFile(string Name, string Title, string Column, string Source, int DayOffset, string Body)
{
    public static ArticleFile Parse(string name, string text)
    {
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---") throw Bad(name, "must start with a '---' line");
        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0) throw Bad(name, "front matter has no closing '---' line");

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in lines[1..end])
        {
            var line = StripComment(raw).Trim();
            if (line.Length == 0) continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) throw Bad(name, $"front matter line '{raw}' is not 'key: value'");
            fields[line[..colon].Trim()] = Unquote(line[(colon + 1)..].Trim());
        }
        string Required(string key) =>
            fields.TryGetValue(key, out var v) && v.Length > 0 ? v : throw Bad(name, $"front matter needs '{key}'");
        if (!int.TryParse(Required("dayOffset"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offset))
            throw Bad(name, "dayOffset must be a whole number of days");
        var body = string.Join('\n', lines[(end + 1)..]).Trim();
        if (body.Length == 0) throw Bad(name, "the body is empty");
        return new ArticleFile(name, Required("title"), Required("column"), Required("source"), offset, body);
    }

    /// <summary>A comment starts at a '#' preceded by whitespace, so "第1#" stays part of a value.</summary>
    private static string StripComment(string line)
    {
        for (var i = 1; i < line.Length; i++)
            if (line[i] == '#' && char.IsWhiteSpace(line[i - 1])) return line[..i];
        return line.StartsWith('#') ? "" : line;
    }

    private static string Unquote(string v) =>
        v.Length >= 2 && (v[0] == '"' && v[^1] == '"' || v[0] == '\'' && v[^1] == '\'') ? v[1..^1] : v;

    private static InvalidDataException Bad(string name, string why) => new($"Demo article {name}: {why}.");
}
