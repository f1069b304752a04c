using System.Net;
using System.Security.Cryptography;
using System.Text;
using Learn.Core.Identity;

namespace Learn.Api.OfficialAccountBinding;

/// <summary>
/// The binding page's HTML: small, self-contained, readable on a phone in WeChat's in-app browser. The one style
/// block is allowed by its hash in the CSP, so nothing else inline (or from elsewhere) can run or load.
/// A refusal names its <c>urn:learn:problem:*</c> type in <c>&lt;meta name="learn-problem"&gt;</c> for support and tests.
/// </summary>
internal static class BindingPage
{
    private const string Style = "body{margin:0;font:16px/1.6 -apple-system,'PingFang SC','Microsoft YaHei',sans-serif;background:#f6f6f6;color:#222}" +
        "main{max-width:30rem;margin:0 auto;padding:1rem}h1{color:#c00;font-size:1.4rem}h2{font-size:1.1rem;margin:0 0 .3rem}" +
        "form,.card{background:#fff;border-radius:8px;padding:1rem;margin:0 0 1rem}label{display:block;margin:.5rem 0}" +
        "input{box-sizing:border-box;width:100%;font-size:1rem;padding:.6rem;border:1px solid #ccc;border-radius:6px}" +
        "button{width:100%;font-size:1rem;padding:.7rem;border:0;border-radius:6px;background:#c00;color:#fff}" +
        ".hint{color:#666;font-size:.9rem}.error{background:#fdecea;color:#a00;padding:.8rem;border-radius:6px}";

    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The three ways to prove who you are; <paramref name="error"/> (if any) above them, the entered values kept.</summary>
    public static string Form(string ticket, OfficialAccountLinkRequest? entered = null, string? error = null, string? problemType = null)
    {
        var t = Hidden("ticket", ticket);
        var body = new StringBuilder()
            .Append("<p>绑定后，公众号会把学习提醒、竞赛通知等发送给您。请任选一种方式证明您的党员身份：</p>")
            .Append(error is null ? "" : $"<p class=\"error\" role=\"alert\">{E(error)}</p>")
            .Append($"<form method=\"post\">{t}<h2>方式一：小程序绑定码</h2><p class=\"hint\">已在小程序中绑定的党员：打开小程序「我的」，点击“绑定公众号”获取 6 位数字绑定码（10 分钟内有效）。</p>")
            .Append(Input("linkCode", "绑定码", null, "inputmode=\"numeric\" maxlength=\"6\" autocomplete=\"one-time-code\""))
            .Append("<button type=\"submit\">绑定</button></form>")
            .Append($"<form method=\"post\">{t}<h2>方式二：支部邀请码</h2><p class=\"hint\">填写支部书记提供的邀请码和您在党员名册中的姓名（个人邀请码可不填姓名）。</p>")
            .Append(Input("invitationCode", "邀请码", entered?.InvitationCode, "maxlength=\"32\" autocapitalize=\"characters\""))
            .Append(Input("name", "姓名", entered?.InvitationCode is null ? null : entered.Name, "maxlength=\"50\""))
            .Append("<button type=\"submit\">绑定</button></form>")
            .Append($"<form method=\"post\">{t}<h2>方式三：姓名和手机号</h2><p class=\"hint\">填写您在党员名册中登记的姓名和手机号。</p>")
            .Append(Input("name", "姓名", entered?.Mobile is null ? null : entered.Name, "maxlength=\"50\""))
            .Append(Input("mobile", "手机号", entered?.Mobile, "inputmode=\"tel\" maxlength=\"20\" autocomplete=\"tel\""))
            .Append("<button type=\"submit\">绑定</button></form>");
        return Layout("绑定党员身份", body.ToString(), problemType);
    }

    /// <summary>A page with a heading and one message: success, already bound, or a refusal before the form can be shown.</summary>
    public static string Message(string heading, string message, string? hint = null, string? problemType = null) =>
        Layout(heading, $"<div class=\"card\"><p>{E(message)}</p>{(hint is null ? "" : $"<p class=\"hint\">{E(hint)}</p>")}</div>", problemType);

    private static string Layout(string heading, string body, string? problemType) =>
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">" +
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">" +
        (problemType is null ? "" : $"<meta name=\"learn-problem\" content=\"{E(problemType)}\">") +
        $"<title>{E(heading)}</title><style>{Style}</style></head><body><main><h1>{E(heading)}</h1>{body}</main></body></html>";

    private static string Hidden(string name, string value) => $"<input type=\"hidden\" name=\"{name}\" value=\"{E(value)}\">";

    private static string Input(string name, string label, string? value, string attributes) =>
        $"<label>{E(label)}<input name=\"{name}\" value=\"{E(value ?? "")}\" {attributes}></label>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
