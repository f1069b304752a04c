using Learn.Core.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Core.Hosting;

/// <summary>
/// Every error leaves as RFC 7807 problem details with a stable type and a Chinese title, and
/// never with a stack trace or SQL: unhandled exceptions become a generic 500 (details are logged).
/// </summary>
public static class ProblemDetailsSetup
{
    private static readonly Dictionary<int, (string Type, string Title)> ByStatus = new()
    {
        [400] = (ProblemTypes.BadRequest, "请求格式不正确"),
        [401] = (ProblemTypes.Unauthorized, "请先登录"),
        [403] = (ProblemTypes.Forbidden, "没有权限执行此操作"),
        [404] = (ProblemTypes.NotFound, "请求的内容不存在"),
        [405] = (ProblemTypes.BadRequest, "不支持的请求方式"),
        [409] = (ProblemTypes.Conflict, "操作与当前状态冲突"),
        [413] = (ProblemTypes.PayloadTooLarge, "提交的内容过大"),
        [415] = (ProblemTypes.BadRequest, "不支持的内容类型"),
        [429] = (ProblemTypes.TooManyRequests, "操作过于频繁，请稍后再试"),
        [500] = (ProblemTypes.Internal, "服务器开小差了，请稍后再试"),
        [503] = (ProblemTypes.Unavailable, "服务暂时不可用，请稍后再试"),
    };

    internal static void AddLearnProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var problem = ctx.ProblemDetails;
            var status = problem.Status ?? ctx.HttpContext.Response.StatusCode;
            if (ctx.Exception is BadHttpRequestException bad) status = bad.StatusCode;
            problem.Status = status;
            ctx.HttpContext.Response.StatusCode = status;
            if (ByStatus.TryGetValue(status, out var known))
            {
                // Keep a type and title a handler chose; fill in only the framework's generic ones.
                if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org", StringComparison.Ordinal))
                    problem.Type = known.Type;
                if (problem.Title is null || !ContainsChinese(problem.Title)) problem.Title = known.Title;
            }
            if (ctx.Exception is not null) problem.Detail = null; // never leak exception text
            problem.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
        });

    /// <summary>Unhandled exceptions and bare status codes answer as problem details (a host may apply it to a branch only).</summary>
    public static void UseLearnProblemDetails(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException b ? b.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
    }

    private static bool ContainsChinese(string s) => s.Any(c => c is >= '\u4e00' and <= '\u9fff');
}

/// <summary>Problem details as a type, for OpenAPI and clients.</summary>
public sealed class LearnProblem : ProblemDetails;
