using FakeWeChat;
using Learn.WeChat.Errors;
using Learn.WeChat.MiniProgram;
using Learn.WeChat.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.WeChat.Tests.Tokens;

public sealed class TokenRejectionTests : IAsyncLifetime
{
    private readonly string _prefix = TestRedis.NewPrefix(nameof(TokenRejectionTests));
    private FakeWeChatServer _fake = null!;
    private ServiceProvider _host = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeWeChatServer.StartAsync();
        _host = WeChatHost.Create(_fake, _prefix);
        await Client.CheckTextAsync("o1", "warm-up", ContentScene.Comment); // a cached token to be rejected
        _fake.ClearRequests();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private MiniProgramClient Client => _host.GetRequiredService<MiniProgramClient>();

    [Theory]
    [InlineData(WeChatErrorCodes.InvalidCredential)]
    [InlineData(WeChatErrorCodes.AccessTokenExpired)]
    [InlineData(WeChatErrorCodes.InvalidAccessToken)]
    public async Task A_rejected_token_causes_one_forced_refresh_and_one_retry(int errCode)
    {
        _fake.FailNext(errCode, path: FakePaths.MsgSecCheck);

        (await Client.CheckTextAsync("o1", "学习心得", ContentScene.Comment)).Suggest.ShouldBe(ContentSuggest.Pass);

        var refresh = _fake.RequestsTo(FakePaths.StableToken).ShouldHaveSingleItem();
        refresh.Json.GetProperty("force_refresh").GetBoolean().ShouldBeTrue();
        var checks = _fake.RequestsTo(FakePaths.MsgSecCheck);
        checks.Select(r => r.ErrCode).ShouldBe([errCode, 0]);
        checks[0].QueryValue("access_token").ShouldNotBe(checks[1].QueryValue("access_token"));
    }

    [Fact]
    public async Task Tokens_expired_at_WeChat_are_replaced_and_the_call_succeeds()
    {
        _fake.ExpireTokens();
        (await Client.CheckTextAsync("o1", "学习心得", ContentScene.Comment)).Suggest.ShouldBe(ContentSuggest.Pass);
        _fake.RequestsTo(FakePaths.MsgSecCheck).Select(r => r.ErrCode).ShouldBe([42001, 0]);
        _fake.RequestsTo(FakePaths.StableToken).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_token_rejected_twice_is_not_refreshed_again()
    {
        _fake.FailNext(WeChatErrorCodes.InvalidCredential, times: 2, path: FakePaths.MsgSecCheck);

        var ex = await Should.ThrowAsync<WeChatApiException>(() => Client.CheckTextAsync("o1", "x", ContentScene.Comment));

        ex.ErrCode.ShouldBe(40001);
        ex.IsTransient.ShouldBeFalse();
        _fake.RequestsTo(FakePaths.StableToken).Count.ShouldBe(1);
        _fake.RequestsTo(FakePaths.MsgSecCheck).Count.ShouldBe(2);
    }
}
