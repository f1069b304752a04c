namespace Learn.WeChat.Messages;

/// <summary>Helpers for writing WeChat's small XML documents by hand.</summary>
internal static class XmlText
{
    /// <summary>A CDATA section; "]]&gt;" inside the text is split across two sections, the only legal way to carry it.</summary>
    public static string CData(string text) => "<![CDATA[" + text.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal) + "]]>";
}
