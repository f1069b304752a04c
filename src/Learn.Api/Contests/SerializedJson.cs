using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Learn.Api.Contests;

/// <summary>
/// A 200 JSON answer whose bytes were serialized once and are shared: the top board is the same
/// for everyone for up to a second (<see cref="Learn.Core.Contests.Boards.TopSnapshots"/>), so it
/// is serialized once per snapshot, not once per request. The snapshot's ETag is computed with it, so
/// a CDN or client revalidating with If-None-Match gets a bodiless 304 while the board has not moved.
/// Described to OpenAPI as <typeparamref name="T"/>.
/// </summary>
public sealed class SerializedJson<T> : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult where T : class
{
    private sealed record Body(byte[] Utf8, string ETag);

    private static readonly ConditionalWeakTable<object, Body> Serialized = new();
    private readonly Body _body;

    private SerializedJson(Body body) => _body = body;

    public int? StatusCode => StatusCodes.Status200OK;

    /// <summary>The bytes of <paramref name="value"/>, serialized once per <paramref name="source"/> (an immutable object it is made from).</summary>
    public static SerializedJson<T> Of(HttpContext http, object source, Func<T> value) =>
        new(Serialized.GetValue(source, _ =>
        {
            var utf8 = JsonSerializer.SerializeToUtf8Bytes(value(),
                http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions);
            return new Body(utf8, "\"" + Convert.ToHexStringLower(SHA256.HashData(utf8), 0, 16) + "\"");
        }));

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.Headers.ETag = _body.ETag;
        if (httpContext.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Contains(_body.ETag, StringComparison.Ordinal)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = _body.Utf8.Length;
        return response.Body.WriteAsync(_body.Utf8).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
