using System.Net;
using System.Text;
using HtmlAgilityPack;

namespace Learn.Core.Study;

/// <summary>
/// Allow-list HTML sanitiser for article bodies. It does not clean the parsed tree in place: it
/// writes a new document containing only allowed elements and attributes, with every text and
/// attribute value re-encoded, so whatever the parser did not understand cannot leak through.
/// Dangerous elements go with their content; unknown elements are unwrapped (their text stays).
/// </summary>
public static class HtmlSanitizer
{
    private static readonly HashSet<string> AllowedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "del",
        "sup", "sub", "blockquote", "ul", "ol", "li", "a", "img", "pre", "code", "span", "div",
        "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption",
    };

    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
        "template", "svg", "math", "form", "input", "button", "textarea", "select", "option",
        "link", "meta", "base", "head", "title", "audio", "video", "source", "canvas",
    };

    private static readonly HashSet<string> VoidTags = new(StringComparer.OrdinalIgnoreCase) { "br", "hr", "img" };

    private static readonly Dictionary<string, string[]> AllowedAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = ["href", "title"],
        ["img"] = ["src", "alt", "title", "width", "height"],
        ["td"] = ["colspan", "rowspan"],
        ["th"] = ["colspan", "rowspan"],
        ["ol"] = ["start"],
    };

    public static string Sanitize(string html)
    {
        var doc = new HtmlDocument { OptionFixNestedTags = true };
        doc.LoadHtml(html);
        var sb = new StringBuilder(html.Length);
        foreach (var node in doc.DocumentNode.ChildNodes) Write(node, sb);
        return sb.ToString().Trim();
    }

    private static void Write(HtmlNode node, StringBuilder sb)
    {
        switch (node.NodeType)
        {
            case HtmlNodeType.Text:
                sb.Append(WebUtility.HtmlEncode(HtmlEntity.DeEntitize(node.InnerText)));
                return;
            case HtmlNodeType.Element:
                break;
            default:
                return; // comments (and conditional comments) are dropped
        }
        var tag = node.Name.ToLowerInvariant();
        if (DroppedWithContent.Contains(tag)) return;
        if (!AllowedTags.Contains(tag))
        {
            foreach (var child in node.ChildNodes) Write(child, sb);
            return;
        }
        var attributes = new StringBuilder();
        var hasSrc = false;
        if (AllowedAttributes.TryGetValue(tag, out var allowed))
        {
            foreach (var attr in node.Attributes)
            {
                var name = attr.Name.ToLowerInvariant();
                if (!allowed.Contains(name)) continue;
                var value = HtmlEntity.DeEntitize(attr.Value ?? "");
                if (name is "href" or "src" && !IsSafeUrl(value, allowMailto: name == "href")) continue;
                if (name is "width" or "height" or "colspan" or "rowspan" or "start" && !value.All(char.IsAsciiDigit)) continue;
                hasSrc |= name == "src";
                attributes.Append(' ').Append(name).Append("=\"").Append(WebUtility.HtmlEncode(value)).Append('"');
            }
        }
        if (tag == "img" && !hasSrc) return; // an image whose source was unsafe shows nothing anyway
        sb.Append('<').Append(tag).Append(attributes).Append('>');
        if (VoidTags.Contains(tag)) return;
        foreach (var child in node.ChildNodes) Write(child, sb);
        sb.Append("</").Append(tag).Append('>');
    }

    /// <summary>
    /// http(s), mailto (links only) or a relative reference. Control characters and whitespace are
    /// removed before looking at the scheme, as browsers do (<c>java&#9;script:</c> is javascript:).
    /// </summary>
    internal static bool IsSafeUrl(string url, bool allowMailto)
    {
        var compact = new string(url.Where(c => c > ' ' && c != '\u007f').ToArray());
        if (compact.Length == 0) return false;
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        var firstDelimiter = compact.IndexOfAny(['/', '?', '#']);
        var hasScheme = colon >= 0 && (firstDelimiter < 0 || colon < firstDelimiter);
        if (!hasScheme) return true;
        var scheme = compact[..colon].ToLowerInvariant();
        return scheme is "http" or "https" || (allowMailto && scheme == "mailto");
    }

    /// <summary>The readable text of sanitised HTML, whitespace collapsed.</summary>
    public static string PlainText(string html)
    {
        var doc = new HtmlDocument();
        doc.LoadHtml(html);
        var text = HtmlEntity.DeEntitize(doc.DocumentNode.InnerText);
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
