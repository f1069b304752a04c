using System.Text.Json;

namespace FakeWeChat;

/// <summary>One request the fake received, as WeChat would have seen it.</summary>
public sealed class FakeRequest
{
    internal FakeRequest(string method, string path, IReadOnlyDictionary<string, string> query, string body, DateTimeOffset at)
    {
        Method = method;
        Path = path;
        Query = query;
        Body = body;
        At = at;
    }

    /// <summary>GET or POST.</summary>
    public string Method { get; }

    /// <summary>e.g. <c>/cgi-bin/message/subscribe/send</c> (see <see cref="FakePaths"/>).</summary>
    public string Path { get; }

    /// <summary>Query parameters (access_token, appid, js_code, …).</summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    /// <summary>The raw body ("" for GET).</summary>
    public string Body { get; }

    /// <summary>When it arrived.</summary>
    public DateTimeOffset At { get; }

    /// <summary>The app the request was made for (from its token, appid parameter or body); null when unknown.</summary>
    public string? AppId { get; internal set; }

    /// <summary>The errcode the fake answered (0 = success); null while the request is still in flight.</summary>
    public int? ErrCode { get; internal set; }

    /// <summary>The body parsed as JSON (throws if it is not JSON).</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>A query parameter or null.</summary>
    public string? QueryValue(string name) => Query.TryGetValue(name, out var v) ? v : null;

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Path} → {ErrCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "…"}";
}
