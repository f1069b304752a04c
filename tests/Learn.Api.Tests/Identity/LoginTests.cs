using System.Net;
using System.Net.Http.Json;
using Learn.Core.Identity;
using Learn.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Identity;

public class LoginTests(WeChatApiFactory factory) : IClassFixture<WeChatApiFactory>
{
    [Fact]
    public async Task Wx_login_creates_the_identity_and_never_returns_the_session_key()
    {
        var openId = "o" + Guid.NewGuid().ToString("N")[..20];
        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/wx-login", new { code = factory.NewLoginCode(openId) });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var raw = await response.Content.ReadAsStringAsync();
        raw.ShouldNotContain("c2Vzc2lvbmtleTEyMzQ1Ng==");
        var tokens = await response.JsonAsync();
        tokens.GetProperty("accessToken").GetString().ShouldNotBeNullOrEmpty();
        tokens.GetProperty("refreshToken").GetString().ShouldNotBeNullOrEmpty();
        tokens.GetProperty("expiresIn").GetInt32().ShouldBe(30 * 60);
        tokens.GetProperty("bound").GetBoolean().ShouldBeFalse();

        var identity = await factory.WithDbAsync(db => db.WeChatIdentities.SingleAsync(w => w.OpenId == openId));
        identity.AppId.ShouldBe(factory.WeChat.MiniProgram.AppId);
        identity.SessionKeyCipher.ShouldNotBeNull();
        identity.SessionKeyCipher.ShouldNotBe("c2Vzc2lvbmtleTEyMzQ1Ng==");
        factory.Services.GetRequiredService<PersonalDataProtector>().Decrypt(identity.SessionKeyCipher).ShouldBe("c2Vzc2lvbmtleTEyMzQ1Ng==");
        var session = await factory.WithDbAsync(db => db.Set<LoginSession>().SingleAsync(s => s.IdentityId == identity.Id));
        session.RefreshTokenHash.ShouldNotBe(tokens.GetProperty("refreshToken").GetString());

        // Logging in again with a new code finds the same identity.
        await factory.LoginAsync(factory.NewLoginCode(openId));
        (await factory.WithDbAsync(db => db.WeChatIdentities.CountAsync(w => w.OpenId == openId))).ShouldBe(1);
    }

    [Fact]
    public async Task Invalid_or_reused_code_is_a_problem_not_a_500()
    {
        var unknown = await factory.CreateClient().PostAsJsonAsync("/api/auth/wx-login", new { code = "never-issued" });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.JsonAsync()).GetProperty("type").GetString().ShouldBe("urn:learn:problem:wechat-login-failed");

        var code = factory.NewLoginCode();
        await factory.LoginAsync(code);
        (await factory.CreateClient().PostAsJsonAsync("/api/auth/wx-login", new { code })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await factory.CreateClient().PostAsJsonAsync("/api/auth/wx-login", new { code = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Refresh_rotates_and_the_old_refresh_token_is_refused_after_use()
    {
        var (tokens, _) = await factory.LoginAsync();
        var first = tokens.GetProperty("refreshToken").GetString();

        var refreshed = await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first });
        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = (await refreshed.JsonAsync()).GetProperty("refreshToken").GetString();
        second.ShouldNotBe(first);

        var replay = await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first });
        replay.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await replay.JsonAsync()).GetProperty("type").GetString().ShouldBe("urn:learn:problem:refresh-invalid");
        // Replaying a used token means it was copied: the whole session ends, the new token too.
        (await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = second })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "garbage" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_token_expires_after_its_lifetime()
    {
        var (tokens, _) = await factory.LoginAsync();
        factory.Clock.Advance(TimeSpan.FromDays(31));
        (await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_revokes_the_access_token_at_once_and_the_refresh_token()
    {
        var (tokens, client) = await factory.LoginAsync();
        (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await client.PostAsync("/api/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
