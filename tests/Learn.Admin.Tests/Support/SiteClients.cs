using System.Net;
using System.Text.RegularExpressions;
using Learn.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Learn.Admin.Tests.Support;

/// <summary>The admin site over plain HTTP (no browser): the sign-in form posted with its antiforgery token, the cookie kept.</summary>
public static partial class SiteClients
{
    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public static async Task<HttpClient> SignInToSiteAsync(this AdminApiFactory factory, string userName, string password = OrganizerTestData.Password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = factory.BaseAddress });
        var form = await client.GetStringAsync("/Account/SignIn");
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        var response = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        // Over a real port the client follows the redirect itself (the option only shapes the in-memory handler).
        (response.StatusCode == HttpStatusCode.Redirect || response.RequestMessage!.RequestUri!.AbsolutePath != "/Account/SignIn")
            .ShouldBeTrue("sign-in to the admin site");
        return client;
    }

    /// <summary>Posts a multipart form the way the page's own form would, with the antiforgery token of <paramref name="pagePath"/>.</summary>
    public static async Task<HttpResponseMessage> PostPageFormAsync(this HttpClient site, string pagePath, string handler, MultipartFormDataContent form)
    {
        form.Add(new StringContent(await site.AntiforgeryTokenAsync(pagePath)), "__RequestVerificationToken");
        return await site.PostAsync($"{pagePath}?handler={handler}", form);
    }

    /// <summary>The antiforgery token the page's forms carry (the cookie half stays in the client).</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient site, string pagePath) =>
        AntiforgeryField().Match(await site.GetStringAsync(pagePath)).Groups[1].Value;
}
