using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using Learn.WeChat.Errors;

namespace Learn.WeChat.Http;

/// <summary>
/// One HTTP exchange with WeChat: sends, reads the JSON and turns every failure into a
/// <see cref="WeChatApiException"/> (a non-zero <c>errcode</c>, a timeout, an HTTP error). No retries here.
/// </summary>
internal sealed class WeChatTransport(IHttpClientFactory factory)
{
    public const string ClientName = "Learn.WeChat";

    private static readonly Meter Meter = new("Learn.WeChat");
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>("learn.wechat.api.errors", "{error}",
        "WeChat API calls that failed, by api and errcode (negative codes: timeouts and HTTP failures)");

    public async Task<JsonElement> SendAsync(string api, HttpMethod method, string pathAndQuery, object? body, CancellationToken ct)
    {
        try
        {
            return await ExchangeAsync(api, method, pathAndQuery, body, ct);
        }
        catch (WeChatApiException ex)
        {
            Errors.Add(1, new KeyValuePair<string, object?>("api", api), new KeyValuePair<string, object?>("errcode", ex.ErrCode));
            throw;
        }
    }

    private async Task<JsonElement> ExchangeAsync(string api, HttpMethod method, string pathAndQuery, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: WeChatJson.Options);
        var client = factory.CreateClient(ClientName);
        try
        {
            using var response = await client.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            if (status >= 500)
                throw new WeChatApiException(api, WeChatErrorCodes.LocalHttpError, $"HTTP {status}", isTransient: true);
            if (!response.IsSuccessStatusCode)
                throw new WeChatApiException(api, WeChatErrorCodes.LocalHttpError, $"HTTP {status}", isTransient: false);
            var bytes = await response.Content.ReadAsByteArrayAsync(ct);
            return Parse(api, bytes);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            // HttpClient.Timeout surfaces as a cancellation the caller did not ask for.
            throw new WeChatApiException(api, WeChatErrorCodes.LocalTimeout, "timed out", isTransient: true, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new WeChatApiException(api, WeChatErrorCodes.LocalHttpError, ex.Message, isTransient: true, ex);
        }
    }

    private static JsonElement Parse(string api, byte[] bytes)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            root = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new WeChatApiException(api, WeChatErrorCodes.LocalHttpError, "response is not JSON", isTransient: false, ex);
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw new WeChatApiException(api, WeChatErrorCodes.LocalHttpError, "response is not a JSON object", isTransient: false);

        // Success answers often omit errcode (token, jscode2session); failures always carry it.
        if (root.TryGetProperty("errcode", out var code) && code.TryGetInt32(out var errCode) && errCode != 0)
        {
            var errMsg = root.TryGetProperty("errmsg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
            throw new WeChatApiException(api, errCode, errMsg);
        }
        return root;
    }
}
