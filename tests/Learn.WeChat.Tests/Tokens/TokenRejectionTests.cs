using FakeWeChat;
using Learn.WeChat.Errors;
using Learn.WeChat.MiniProgram;
using Learn.WeChat.Tests.Support;

namespace Learn.WeChat.Tests.Tokens;

public sealed class TokenRejectionTests : FakeWeChatTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Client.CheckTextAsync("o1", "warm-up", ContentScene.Comment); // a cached token to be rejected
        Fake.ClearRequests();
    }

    private MiniProgramClient Client => Service<MiniProgramClient>();

    [Theory]
    [InlineData(WeChatErrorCodes.InvalidCredential)]
    [InlineData(WeChatErrorCodes.AccessTokenExpired)]
    [InlineData(WeChatErrorCodes.InvalidAccessToken)]
    public async Task A_rejected_token_causes_one_forced_refresh_and_one_retry(int errCode)
    {
        Fake.FailNext(errCode, path: FakePaths.MsgSecCheck);

        (await Client.CheckTextAsync("o1", "学习心得", ContentScene.Comment)).Suggest.ShouldBe(ContentSuggest.Pass);

        var refresh = Fake.RequestsTo(FakePaths.StableToken).ShouldHaveSingleItem();
        refresh.Json.GetProperty("force_refresh").GetBoolean().ShouldBeTrue();
        var checks = Fake.RequestsTo(FakePaths.MsgSecCheck);
        checks.Select(r => r.ErrCode).ShouldBe([errCode, 0]);
        checks[0].QueryValue("access_token").ShouldNotBe(checks[1].QueryValue("access_token"));
    }

    [Fact]
    public async Task Tokens_expired_at_WeChat_are_replaced_and_the_call_succeeds()
    {
        Fake.ExpireTokens();
        (await Client.CheckTextAsync("o1", "学习心得", ContentScene.Comment)).Suggest.ShouldBe(ContentSuggest.Pass);
        Fake.RequestsTo(FakePaths.MsgSecCheck).Select(r => r.ErrCode).ShouldBe([42001, 0]);
        Fake.RequestsTo(FakePaths.StableToken).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_token_rejected_twice_is_not_refreshed_again()
    {
        Fake.FailNext(WeChatErrorCodes.InvalidCredential, times: 2, path: FakePaths.MsgSecCheck);

        var ex = await Should.ThrowAsync<WeChatApiException>(() => Client.CheckTextAsync("o1", "x", ContentScene.Comment));

        ex.ErrCode.ShouldBe(40001);
        ex.IsTransient.ShouldBeFalse();
        Fake.RequestsTo(FakePaths.StableToken).Count.ShouldBe(1);
        Fake.RequestsTo(FakePaths.MsgSecCheck).Count.ShouldBe(2);
    }
}
