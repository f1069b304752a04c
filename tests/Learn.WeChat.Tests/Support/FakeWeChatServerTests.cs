using System.Net.Http.Json;
using System.Text.Json;
using FakeWeChat;

namespace Learn.WeChat.Tests.Support;

/// <summary>The fake must behave like WeChat where our tests rely on it, or its green results mean nothing.</summary>
public sealed class FakeWeChatServerTests : IAsyncLifetime
{
    private FakeWeChatServer _fake = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeWeChatServer.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_fake.BaseUrl) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task Every_api_call_needs_a_valid_token()
    {
        var body = new { touser = "o1", template_id = "t", data = new { thing1 = new { value = "x" } } };
        (await ErrCode(await _http.PostAsJsonAsync(FakePaths.SubscribeSend, body))).ShouldBe(41001);
        (await ErrCode(await _http.PostAsJsonAsync(FakePaths.SubscribeSend + "?access_token=made-up", body))).ShouldBe(40001);

        var token = await Token(force: false);
        (await ErrCode(await _http.PostAsJsonAsync(FakePaths.SubscribeSend + "?access_token=" + token, body))).ShouldBe(0);
        _fake.ExpireTokens();
        (await ErrCode(await _http.PostAsJsonAsync(FakePaths.SubscribeSend + "?access_token=" + token, body))).ShouldBe(42001);
    }

    [Fact]
    public async Task Stable_token_is_stable_until_forced()
    {
        var first = await Token(force: false);
        (await Token(force: false)).ShouldBe(first);
        var forced = await Token(force: true);
        forced.ShouldNotBe(first);
        (await ErrCode(await _http.GetAsync($"{FakePaths.GetTicket}?type=jsapi&access_token={first}"))).ShouldBe(40001);
        (await ErrCode(await _http.GetAsync($"{FakePaths.GetTicket}?type=jsapi&access_token={forced}"))).ShouldBe(0);
    }

    [Fact]
    public async Task Wrong_secret_and_malformed_messages_are_refused()
    {
        var bad = await _http.PostAsJsonAsync(FakePaths.StableToken, new { grant_type = "client_credential", appid = _fake.MiniProgram.AppId, secret = "nope" });
        (await ErrCode(bad)).ShouldBe(40125);
        var token = await Token(force: false);
        (await ErrCode(await _http.PostAsJsonAsync(FakePaths.SubscribeSend + "?access_token=" + token, new { touser = "o1", template_id = "t" }))).ShouldBe(47003);
        _fake.Requests.Count.ShouldBe(3);
        _fake.Requests[0].AppId.ShouldBeNull(); // a refused secret identifies no app
        _fake.Requests[2].AppId.ShouldBe(_fake.MiniProgram.AppId); // resolved from the access token
    }

    private async Task<string> Token(bool force)
    {
        var response = await _http.PostAsJsonAsync(FakePaths.StableToken,
            new { grant_type = "client_credential", appid = _fake.MiniProgram.AppId, secret = _fake.MiniProgram.AppSecret, force_refresh = force });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private static async Task<int> ErrCode(HttpResponseMessage response)
    {
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.TryGetProperty("errcode", out var code) ? code.GetInt32() : 0;
    }
}
