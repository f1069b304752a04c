using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learn.Admin.Pages;

/// <summary>Every error the site shows, in Chinese: status codes re-executed here, and unhandled exceptions.</summary>
[IgnoreAntiforgeryToken] // a failed POST is re-executed here; the error page must not fail again
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Title { get; private set; } = "";
    public string Hint { get; private set; } = "";
    public string? TraceId { get; private set; }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = HttpContext.Response.StatusCode;
        Code = code ?? (status >= 400 ? status : 500);
        (Title, Hint) = Code switch
        {
            400 => ("请求无效", "页面可能已过期，请刷新后重试。"),
            403 => ("没有权限", "您的账号角色不能使用此功能。"),
            404 => ("页面不存在", "您要找的内容不存在，或不在您的管理范围内。"),
            405 => ("请求方式不正确", "请从页面上的按钮操作。"),
            413 => ("文件过大", "请上传不超过10MB的文件。"),
            _ => ("服务器开小差了", "请稍后再试；如果问题持续，请联系系统管理员。"),
        };
        Response.StatusCode = Code;
        TraceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}
