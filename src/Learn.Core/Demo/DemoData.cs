using System.Text.Json;
using System.Text.Json.Serialization;

namespace Learn.Core.Demo;

/// <summary>
/// The demo data files embedded from <c>Demo/data/</c> (questions.csv, articles/*.md, the org tree).
/// Names are relative to that folder with <c>/</c> separators, e.g. <c>articles/01-zunyi.md</c>.
/// </summary>
public static class DemoData
{
    private const string Prefix = "Learn.Core.Demo.data.";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Opens one embedded file; throws when it is missing so a typo fails loudly.</summary>
    public static Stream Open(string name) =>
        typeof(DemoData).Assembly.GetManifestResourceStream(Prefix + name.Replace('/', '.'))
        ?? throw new FileNotFoundException($"Embedded demo data file '{name}' not found.", name);

    /// <summary>The embedded article files (<c>articles/NN-slug.md</c>), in file-name order.</summary>
    public static IReadOnlyList<string> ArticleNames() =>
        [.. typeof(DemoData).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix + "articles.", StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
            .Select(n => "articles/" + n[(Prefix.Length + "articles.".Length)..])
            .Order(StringComparer.Ordinal)];

    public static string ReadText(string name)
    {
        using var reader = new StreamReader(Open(name));
        return reader.ReadToEnd();
    }

    internal static T ReadJson<T>(string name)
    {
        using var stream = Open(name);
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidDataException($"{name} is empty.");
    }
}
