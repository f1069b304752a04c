using Microsoft.AspNetCore.Http.Metadata;

namespace Learn.Admin.Hosting;

/// <summary>
/// Request body caps for uploads are the file's own cap plus <see cref="FormOverhead"/> for the multipart
/// envelope and form fields, declared on the endpoint (<c>[RequestSizeLimit]</c>); Kestrel enforces them while reading.
/// </summary>
public static class UploadLimits
{
    public const long FormOverhead = 64 * 1024;

    /// <summary>
    /// A body announced larger than the endpoint's cap is answered 413 before anything is read. Without this,
    /// a page's antiforgery check reads the form first, fails on the cap, and the organiser sees "请求无效" (400).
    /// </summary>
    public static Task RefuseAnnouncedOversize(HttpContext context, Func<Task> next)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        if (limit is { } max && context.Request.ContentLength > max)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask;
        }
        return next();
    }
}
