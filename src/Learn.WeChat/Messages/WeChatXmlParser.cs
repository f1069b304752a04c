using System.Xml;
using System.Xml.Linq;

namespace Learn.WeChat.Messages;

/// <summary>
/// Parses WeChat's XML pushes safely: DTDs are prohibited (no entity expansion, no XXE) and no
/// resolver is set, so nothing outside the body is ever read; the size is capped before parsing.
/// </summary>
public static class WeChatXmlParser
{
    private static readonly string[] SubscribeEventElements =
        ["SubscribeMsgPopupEvent", "SubscribeMsgChangeEvent", "SubscribeMsgSentEvent"];

    /// <summary>Parses <c>&lt;xml&gt;…&lt;/xml&gt;</c>.</summary>
    /// <exception cref="WeChatMessageFormatException">Not well-formed, a DTD, too large, or not a WeChat message.</exception>
    public static WeChatMessage Parse(string xml, int maxChars = 64 * 1024)
    {
        var doc = Load(xml, maxChars);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in doc.Root!.Elements())
            if (!e.HasElements) fields[e.Name.LocalName] = e.Value;
        return new WeChatMessage(fields, ReadItems(doc));
    }

    private static XDocument Load(string xml, int maxChars)
    {
        if (xml.Length > maxChars) throw new WeChatMessageFormatException($"Body longer than {maxChars} characters.");
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxChars,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            var doc = XDocument.Load(reader);
            if (doc.Root is null || doc.Root.Name.LocalName != "xml")
                throw new WeChatMessageFormatException("The root element is not <xml>.");
            return doc;
        }
        catch (XmlException ex)
        {
            throw new WeChatMessageFormatException("Malformed XML: " + ex.Message, ex);
        }
    }

    private static List<SubscribeMsgItem> ReadItems(XDocument doc)
    {
        var items = new List<SubscribeMsgItem>();
        foreach (var name in SubscribeEventElements)
            foreach (var list in doc.Root!.Elements(name).Elements("List"))
                items.Add(SubscribeMsgItem.From(field => list.Element(field)?.Value));
        return items;
    }
}
