using System.Net;
using System.Text.RegularExpressions;
using System.Web;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Learn.Api.Tests.Identity;

/// <summary>Learn.Api with the Official Account binding page switched on (its public address is the test server's).</summary>
public sealed class OfficialAccountBindingFactory : WeChatApiFactory
{
    public const string PageUrl = "http://localhost/wechat/oa/bind";

    protected override void ConfigureSettings(IDictionary<string, string?> settings) => settings["WeChatPush:BindingPageUrl"] = PageUrl;
}

/// <summary>A page as the test reads it: status, HTML, the problem type in its meta tag, the form ticket.</summary>
public sealed record BindingPageView(HttpStatusCode Status, string Html)
{
    public string? Problem => Regex.Match(Html, "<meta name=\"learn-problem\" content=\"([^\"]+)\">") is { Success: true } m ? m.Groups[1].Value : null;

    public string? Ticket => Regex.Match(Html, "name=\"ticket\" value=\"([^\"]+)\"") is { Success: true } m ? HttpUtility.HtmlDecode(m.Groups[1].Value) : null;
}

/// <summary>
/// WeChat's in-app browser on the binding page: opens it (keeping cookies), follows the redirect to WeChat's
/// authorize URL the way WeChat does (back to redirect_uri with a code the fake server knows) and submits forms.
/// </summary>
public sealed class OfficialAccountBrowser(OfficialAccountBindingFactory factory)
{
    public HttpClient Client { get; } = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>GET /wechat/oa/bind: the redirect to WeChat's authorize URL.</summary>
    public async Task<Uri> StartAsync()
    {
        var response = await Client.GetAsync("/wechat/oa/bind");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return response.Headers.Location!;
    }

    /// <summary>WeChat's silent authorization for <paramref name="openId"/>, then the callback with the given state.</summary>
    public Task<BindingPageView> ReturnFromWeChatAsync(string openId, string state)
    {
        var code = "oauth-" + Guid.NewGuid().ToString("N")[..12];
        factory.WeChat.OAuthCodes.Add(code, openId);
        return CallbackAsync(code, state);
    }

    public async Task<BindingPageView> CallbackAsync(string code, string state) =>
        await ViewAsync(await Client.GetAsync($"/wechat/oa/bind?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}"));

    /// <summary>Start → WeChat → callback: the form (or the "already bound" page) for <paramref name="openId"/>.</summary>
    public async Task<BindingPageView> OpenAsync(string openId) => await ReturnFromWeChatAsync(openId, StateOf(await StartAsync()));

    public async Task<BindingPageView> SubmitAsync(string? ticket, params (string Name, string Value)[] fields)
    {
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (ticket is not null) form.Add(new("ticket", ticket));
        return await ViewAsync(await Client.PostAsync("/wechat/oa/bind", new FormUrlEncodedContent(form)));
    }

    public static string StateOf(Uri authorize) => HttpUtility.ParseQueryString(authorize.Query)["state"]!;

    private static async Task<BindingPageView> ViewAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        return new BindingPageView(response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
