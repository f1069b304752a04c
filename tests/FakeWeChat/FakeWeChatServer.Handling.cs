using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FakeWeChat;

public sealed partial class FakeWeChatServer
{
    /// <summary>Records the request, applies faults, checks the access token, then runs the API.</summary>
    internal async Task HandleAsync(HttpContext ctx, bool needsToken, Func<FakeCall, JsonObject> api)
    {
        var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync(ctx.RequestAborted);
        var query = ctx.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var request = new FakeRequest(ctx.Request.Method, ctx.Request.Path.Value ?? "", query, body, DateTimeOffset.UtcNow);
        lock (_lock) _requests.Add(request);

        var (delay, errCode, status) = _faults.Take(request.Path);
        if (delay is { } d)
        {
            try { await Task.Delay(d, ctx.RequestAborted); }
            catch (OperationCanceledException) { request.ErrCode = -1; return; } // the client gave up
        }
        if (status is { } s)
        {
            request.ErrCode = -1;
            ctx.Response.StatusCode = s;
            await ctx.Response.WriteAsync("fake HTTP error", ctx.RequestAborted);
            return;
        }

        JsonObject answer;
        var (appId, tokenError) = needsToken ? TokenStore.Check(request.QueryValue("access_token")) : (null, 0);
        request.AppId = appId;
        if (errCode is { } e) answer = FakeEndpoints.Error(e, "fake failure " + e);
        else if (tokenError != 0) answer = FakeEndpoints.Error(tokenError, tokenError == 42001 ? "access_token expired" : "invalid credential, access_token is invalid or not latest");
        else
        {
            JsonObject? json = null;
            if (body.Length > 0)
            {
                try { json = JsonNode.Parse(body) as JsonObject; }
                catch (JsonException) { json = null; }
            }
            answer = body.Length > 0 && json is null ? FakeEndpoints.Error(47001, "data format error") : api(new FakeCall(request, json));
        }

        request.ErrCode = answer["errcode"]?.GetValue<int>() ?? 0;
        // WeChat's Content-Type is not always application/json; clients must not depend on it.
        ctx.Response.ContentType = "application/json; encoding=utf-8";
        await ctx.Response.WriteAsync(answer.ToJsonString(), ctx.RequestAborted);
    }
}

/// <summary>A thread-safe string collection for word lists tests edit while the server reads them.</summary>
internal sealed class SynchronizedCollection : ICollection<string>
{
    private readonly List<string> _items = [];
    private readonly Lock _lock = new();

    public int Count { get { lock (_lock) return _items.Count; } }
    public bool IsReadOnly => false;
    public void Add(string item) { lock (_lock) _items.Add(item); }
    public void Clear() { lock (_lock) _items.Clear(); }
    public bool Contains(string item) { lock (_lock) return _items.Contains(item); }
    public void CopyTo(string[] array, int arrayIndex) { lock (_lock) _items.CopyTo(array, arrayIndex); }
    public bool Remove(string item) { lock (_lock) return _items.Remove(item); }
    public IEnumerator<string> GetEnumerator() { lock (_lock) return _items.ToList().GetEnumerator(); }
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
