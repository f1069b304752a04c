using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FakeWeChat;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Learn.Api.Tests.Identity;

/// <summary>The API factory (with its <see cref="FakeWeChatServer"/>) plus Mini Program login helpers.</summary>
public class WeChatApiFactory : ApiFactory
{
    /// <summary>A wx.login code the fake will accept once for a new openid (and unionid when given).</summary>
    public string NewLoginCode(string? openId = null, string? unionId = null)
    {
        var code = "code-" + Guid.NewGuid().ToString("N")[..12];
        WeChat.Sessions.Add(code, new FakeSession(openId ?? "o" + Guid.NewGuid().ToString("N")[..20], "c2Vzc2lvbmtleTEyMzQ1Ng==", unionId));
        return code;
    }

    /// <summary>Logs in over HTTP; returns the token answer and a client carrying the access token.</summary>
    public async Task<(JsonElement Tokens, HttpClient Client)> LoginAsync(string? code = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/auth/wx-login", new { code = code ?? NewLoginCode() });
        response.EnsureSuccessStatusCode();
        var tokens = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return (tokens, client);
    }

    public static void UseToken(HttpClient client, string accessToken) =>
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
}
