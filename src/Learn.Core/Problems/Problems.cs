using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Learn.Core.Problems;

/// <summary>Problem-details results with a stable <c>type</c> and a Chinese <c>title</c>.</summary>
public static class Problems
{
    public static ProblemHttpResult Of(int status, string type, string title, string? detail = null,
        IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Type = type,
            Title = title,
            Detail = detail,
            Extensions = extensions ?? new Dictionary<string, object?>(),
        });

    public static ProblemHttpResult NotFound(string title = "请求的内容不存在", string? detail = null) =>
        Of(StatusCodes.Status404NotFound, ProblemTypes.NotFound, title, detail);

    public static ProblemHttpResult Conflict(string title, string? detail = null, string type = ProblemTypes.Conflict) =>
        Of(StatusCodes.Status409Conflict, type, title, detail);

    public static ProblemHttpResult BadRequest(string title, string? detail = null, string type = ProblemTypes.BadRequest) =>
        Of(StatusCodes.Status400BadRequest, type, title, detail);

    public static ProblemHttpResult Forbidden(string title = "没有权限执行此操作", string? detail = null) =>
        Of(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, title, detail);

    /// <summary>400 with an <c>errors</c> map of field → Chinese messages.</summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors, string title = "提交的内容有误") =>
        Of(StatusCodes.Status400BadRequest, ProblemTypes.Validation, title, null,
            new Dictionary<string, object?> { ["errors"] = errors });

    public static ProblemHttpResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });
}
