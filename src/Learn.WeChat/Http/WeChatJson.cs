using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Learn.WeChat.Http;

/// <summary>JSON settings for WeChat's wire format.</summary>
internal static class WeChatJson
{
    /// <summary>
    /// WeChat sometimes sends numbers as strings (<c>"PopupScene":"0"</c>), so both forms are read.
    /// Chinese text is written unescaped: the body goes to an API, never into HTML.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
