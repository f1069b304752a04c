using FakeWeChat;
using Learn.WeChat.MiniProgram;
using Learn.WeChat.Tests.Support;
using Learn.WeChat.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.WeChat.Tests.Tokens;

public sealed class AccessTokenSharingTests : IAsyncLifetime
{
    private readonly string _prefix = TestRedis.NewPrefix(nameof(AccessTokenSharingTests));
    private FakeWeChatServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeWeChatServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Fifty_parallel_callers_on_two_instances_cause_exactly_one_token_request()
    {
        await using var one = WeChatHost.Create(_fake, _prefix + "fifty:");
        await using var two = WeChatHost.Create(_fake, _prefix + "fifty:");
        // A slow token endpoint makes every caller arrive while the first fetch is still in flight.
        _fake.SlowNext(TimeSpan.FromMilliseconds(400), path: FakePaths.StableToken);

        var sends = Enumerable.Range(0, 50).Select(i =>
        {
            var client = (i % 2 == 0 ? one : two).GetRequiredService<MiniProgramClient>();
            return Task.Run(() => client.SendSubscribeMessageAsync(new SubscribeMessage($"openid-{i}", "tpl-1", new Dictionary<string, string> { ["thing1"] = "党史学习" })));
        });
        await Task.WhenAll(sends);

        _fake.RequestsTo(FakePaths.StableToken).Count.ShouldBe(1);
        _fake.RequestsTo(FakePaths.Token).ShouldBeEmpty();
        var send = _fake.RequestsTo(FakePaths.SubscribeSend);
        send.Count.ShouldBe(50);
        send.ShouldAllBe(r => r.ErrCode == 0);
        send.Select(r => r.QueryValue("access_token")).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task Each_app_has_its_own_token_and_the_cache_is_reused()
    {
        await using var host = WeChatHost.Create(_fake, _prefix + "apps:");
        var tokens = host.GetRequiredService<WeChatAccessTokens>();

        var mp = await tokens.GetAsync(WeChatApp.MiniProgram);
        var oa = await tokens.GetAsync(WeChatApp.OfficialAccount);
        (await tokens.GetAsync(WeChatApp.MiniProgram)).ShouldBe(mp);

        mp.ShouldNotBe(oa);
        var requests = _fake.RequestsTo(FakePaths.StableToken).Where(r => r.Json.GetProperty("appid").GetString() is { } id
            && (id == _fake.MiniProgram.AppId || id == _fake.OfficialAccount.AppId)).ToList();
        requests.Count.ShouldBe(2);
        requests.ShouldAllBe(r => r.Json.GetProperty("force_refresh").GetBoolean() == false);
        requests.ShouldAllBe(r => r.Json.GetProperty("grant_type").GetString() == "client_credential");
    }

    [Fact]
    public async Task A_token_inside_the_refresh_window_is_refreshed_early_by_one_caller()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = WeChatHost.Create(_fake, _prefix + "early:", time: time);
        var tokens = host.GetRequiredService<WeChatAccessTokens>();
        _fake.TokenLifetimeSeconds = 7200;
        await tokens.GetAsync(WeChatApp.OfficialAccount);
        _fake.ClearRequests();

        time.Now = time.Now.AddSeconds(7200 - 200); // 200 s left, inside the 5-minute window
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => tokens.GetAsync(WeChatApp.OfficialAccount)));

        _fake.RequestsTo(FakePaths.StableToken).Count.ShouldBe(1);
    }
}
