using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Learn.Api.Contests;

/// <summary>
/// Cache headers of the board endpoints. What is the same for every member (top board, organisation
/// board, frozen results) may be cached by a CDN for a couple of seconds although the request carries
/// a token (<c>public</c> says so, RFC 9111 §3.5); whatever names "me" is <c>private</c> and varies by
/// token; a hidden board's refusal is <c>no-store</c>, so no cache holds it (or anything) past the unhiding.
/// </summary>
internal static class BoardCaching
{
    public static void Public(HttpContext http, int seconds) =>
        http.Response.Headers.CacheControl = "public, max-age=" + seconds.ToString(CultureInfo.InvariantCulture);

    public static void Private(HttpContext http, int seconds)
    {
        http.Response.Headers.CacheControl = "private, max-age=" + seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Authorization);
    }

    public static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";
}
