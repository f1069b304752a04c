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
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/Account/SignIn");
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        var response = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, "sign-in to the admin site");
        return client;
    }
}
