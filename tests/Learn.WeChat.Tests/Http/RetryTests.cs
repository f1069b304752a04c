using FakeWeChat;
using Learn.WeChat.Errors;
using Learn.WeChat.MiniProgram;
using Learn.WeChat.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.WeChat.Tests.Http;

public sealed class RetryTests : IAsyncLifetime
{
    private static readonly SubscribeMessage Message = new("o1", "tpl-1", new Dictionary<string, string> { ["thing1"] = "学习提醒" });
    private readonly string _prefix = TestRedis.NewPrefix(nameof(RetryTests));
    private FakeWeChatServer _fake = null!;
    private ServiceProvider _host = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeWeChatServer.StartAsync();
        _host = WeChatHost.Create(_fake, _prefix, new Dictionary<string, string?> { ["WeChat:HttpTimeout"] = "00:00:00.500" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private MiniProgramClient Client => _host.GetRequiredService<MiniProgramClient>();

    // msg_sec_check changes nothing at WeChat, so it may be retried; sends may not (below).
    private Task<ContentCheckResult> CheckAsync() => Client.CheckTextAsync("o1", "好好学习", ContentScene.Forum);

    [Theory]
    [InlineData(WeChatErrorCodes.SystemBusy)]
    [InlineData(WeChatErrorCodes.FrequencyLimit)]
    [InlineData(WeChatErrorCodes.MinuteQuota)]
    public async Task Transient_errors_are_retried_until_success(int errCode)
    {
        _fake.FailNext(errCode, times: 2, path: FakePaths.MsgSecCheck);
        (await CheckAsync()).Suggest.ShouldBe(ContentSuggest.Pass);
        _fake.RequestsTo(FakePaths.MsgSecCheck).Select(r => r.ErrCode).ShouldBe([errCode, errCode, 0]);
    }

    [Fact]
    public async Task Transient_errors_give_up_after_the_configured_attempts()
    {
        _fake.FailNext(WeChatErrorCodes.SystemBusy, times: 5, path: FakePaths.MsgSecCheck);
        var ex = await Should.ThrowAsync<WeChatApiException>(CheckAsync);
        ex.ErrCode.ShouldBe(-1);
        ex.IsTransient.ShouldBeTrue();
        _fake.RequestsTo(FakePaths.MsgSecCheck).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Subscribe_send_is_never_retried_even_when_WeChat_times_out_after_accepting()
    {
        // The fake takes the message, then answers too late: retrying would deliver it twice.
        _fake.SlowNext(TimeSpan.FromSeconds(3), path: FakePaths.SubscribeSend);
        var ex = await Should.ThrowAsync<WeChatApiException>(() => Client.SendSubscribeMessageAsync(Message));
        ex.IsTransient.ShouldBeTrue();
        _fake.RequestsTo(FakePaths.SubscribeSend).Count.ShouldBe(1);

        _fake.FailNext(WeChatErrorCodes.SystemBusy, times: 2, path: FakePaths.SubscribeSend);
        (await Should.ThrowAsync<WeChatApiException>(() => Client.SendSubscribeMessageAsync(Message))).ErrCode.ShouldBe(-1);
        _fake.RequestsTo(FakePaths.SubscribeSend).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_rejected_token_is_the_one_retry_a_send_gets()
    {
        (await Client.SendSubscribeMessageAsync(Message)).ShouldNotBeNull();
        _fake.RevokeTokens(); // WeChat refuses the request before doing anything: safe to send again with a fresh token
        (await Client.SendSubscribeMessageAsync(Message)).ShouldNotBeNull();
        _fake.RequestsTo(FakePaths.SubscribeSend).Select(r => r.ErrCode).ShouldBe([0, 40001, 0]);
    }

    [Theory]
    [InlineData(WeChatErrorCodes.UserRefusedSubscription)]
    [InlineData(WeChatErrorCodes.InvalidOpenId)]
    public async Task Final_errors_are_not_retried(int errCode)
    {
        _fake.FailNext(errCode, path: FakePaths.SubscribeSend);
        var ex = await Should.ThrowAsync<WeChatApiException>(() => Client.SendSubscribeMessageAsync(Message));
        ex.ErrCode.ShouldBe(errCode);
        ex.ErrMsg.ShouldNotBeNullOrEmpty();
        ex.IsTransient.ShouldBeFalse();
        _fake.RequestsTo(FakePaths.SubscribeSend).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Http_5xx_and_timeouts_are_retried()
    {
        _fake.HttpErrorNext(502, path: FakePaths.MsgSecCheck);
        _fake.SlowNext(TimeSpan.FromSeconds(3), path: FakePaths.MsgSecCheck);
        (await CheckAsync()).Suggest.ShouldBe(ContentSuggest.Pass);
        _fake.RequestsTo(FakePaths.MsgSecCheck).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Consent_enforced_by_the_fake_one_send_per_acceptance()
    {
        _fake.Consents.Enforce = true;
        _fake.Consents.Grant("o1", "tpl-1");
        (await Client.SendSubscribeMessageAsync(Message)).ShouldNotBeNull();
        (await Should.ThrowAsync<WeChatApiException>(() => Client.SendSubscribeMessageAsync(Message))).ErrCode.ShouldBe(43101);
        _fake.RequestsTo(FakePaths.SubscribeSend).Count.ShouldBe(2);
    }

    [Fact]
    public void Backoff_grows_exponentially_with_jitter_and_a_cap()
    {
        var retry = new Learn.WeChat.Configuration.WeChatRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(700) };
        var first = Enumerable.Range(0, 200).Select(_ => Learn.WeChat.Http.WeChatRetry.Delay(retry, 1).TotalMilliseconds).ToList();
        var third = Enumerable.Range(0, 200).Select(_ => Learn.WeChat.Http.WeChatRetry.Delay(retry, 3).TotalMilliseconds).ToList();
        first.ShouldAllBe(d => d >= 50 && d < 150);
        third.ShouldAllBe(d => d >= 200 && d <= 600);
        first.Distinct().Count().ShouldBeGreaterThan(1); // jitter
        Learn.WeChat.Http.WeChatRetry.Delay(retry, 10).TotalMilliseconds.ShouldBe(700);
    }
}
