using Microsoft.Extensions.Options;

namespace Learn.Simulator;

/// <summary>
/// <c>/api/*</c> of the 模拟小程序 page, passed on to Learn.Api unchanged. A real Mini Program calls Learn.Api
/// directly (wx.request knows no same-origin rule); a browser page does not, and passing the calls through
/// here keeps CORS out of Learn.Api.
/// </summary>
public static class MemberApiProxy
{
    public const string ClientName = "learn-api";

    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Host", "Proxy-Connection", "TE", "Trailer",
    };

    public static void MapMemberApiProxy(this WebApplication app)
    {
        app.Map("/api/{**rest}", ForwardAsync);
        // The page's "我的消息": which openid its wx.login code stands for.
        app.MapGet("/simulator/openid", (string code) => TypedResults.Ok(new { openId = SimulatedWeChat.OpenIdOf(code) }));
    }

    private static async Task ForwardAsync(HttpContext context, IHttpClientFactory clients, IOptions<SimulatorOptions> options)
    {
        var target = new Uri(options.Value.ApiUrl.TrimEnd('/') + context.Request.Path + context.Request.QueryString);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            request.Content = new StreamContent(context.Request.Body);
        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHop.Contains(name)) continue;
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
        }
        try
        {
            using var response = await clients.CreateClient(ClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
                if (!HopByHop.Contains(name)) context.Response.Headers[name] = values.ToArray();
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        catch (HttpRequestException ex)
        {
            await TypedResults.Problem(title: "Learn.Api 未启动或不可达", detail: ex.Message, statusCode: 502,
                type: "urn:learn:problem:simulator-api-unreachable").ExecuteAsync(context);
        }
    }
}
