using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Learn.Api.Contests;

/// <summary>
/// A 200 JSON answer whose bytes were serialized once and are shared: the top board is the same
/// for everyone for up to a second (<see cref="Learn.Core.Contests.Boards.TopSnapshots"/>), so it
/// is serialized once per snapshot, not once per request. Described to OpenAPI as <typeparamref name="T"/>.
/// </summary>
public sealed class SerializedJson<T> : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult where T : class
{
    private static readonly ConditionalWeakTable<object, byte[]> Serialized = new();
    private readonly byte[] _utf8;

    private SerializedJson(byte[] utf8) => _utf8 = utf8;

    public int? StatusCode => StatusCodes.Status200OK;

    /// <summary>The bytes of <paramref name="value"/>, serialized once per <paramref name="source"/> (an immutable object it is made from).</summary>
    public static SerializedJson<T> Of(HttpContext http, object source, Func<T> value) =>
        new(Serialized.GetValue(source, _ => JsonSerializer.SerializeToUtf8Bytes(value(),
            http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions)));

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = _utf8.Length;
        return response.Body.WriteAsync(_utf8).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
