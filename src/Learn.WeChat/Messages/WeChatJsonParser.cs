using System.Text.Json;

namespace Learn.WeChat.Messages;

/// <summary>
/// Parses the Mini Program's JSON pushes. Quirks handled: <c>List</c> is an object for one item and an
/// array for several; numbers may arrive as strings (both are kept as text in <see cref="WeChatMessage.Fields"/>).
/// </summary>
public static class WeChatJsonParser
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 8 };

    /// <summary>Parses a JSON object push.</summary>
    /// <exception cref="WeChatMessageFormatException">Not a JSON object.</exception>
    public static WeChatMessage Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, Options);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new WeChatMessageFormatException("The body is not a JSON object.");
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            var items = new List<SubscribeMsgItem>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Name == "List") ReadList(p.Value, items);
                else if (p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("List", out var nested)) ReadList(nested, items);
                else if (Scalar(p.Value) is { } text) fields[p.Name] = text;
            }
            return new WeChatMessage(fields, items);
        }
        catch (JsonException ex)
        {
            throw new WeChatMessageFormatException("Malformed JSON: " + ex.Message, ex);
        }
    }

    private static void ReadList(JsonElement list, List<SubscribeMsgItem> items)
    {
        if (list.ValueKind == JsonValueKind.Object) items.Add(Item(list));
        else if (list.ValueKind == JsonValueKind.Array)
            foreach (var e in list.EnumerateArray())
                if (e.ValueKind == JsonValueKind.Object) items.Add(Item(e));
    }

    private static SubscribeMsgItem Item(JsonElement e)
        => SubscribeMsgItem.From(name => e.TryGetProperty(name, out var v) ? Scalar(v) : null);

    private static string? Scalar(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
