using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Tests.WeChat;

/// <summary>
/// <c>WeChat:OfficialAccount:MessageMode</c> through <c>/wechat/mp</c> with Tencent's sample credentials:
/// each mode accepts what the console sends in that mode and nothing else.
/// </summary>
public static class MessageModes
{
    public static async Task ShouldBeAcceptedAsync(this Task<HttpResponseMessage> push) =>
        (await push).StatusCode.ShouldBe(HttpStatusCode.OK);

    public static async Task ShouldBeRefusedAsync(this Task<HttpResponseMessage> push, string type)
    {
        var response = await push;
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().ShouldBe(type);
    }

    public static Task<bool> FollowerRecordedAsync(this WeChatPushFactory factory, string openId) =>
        factory.WithDbAsync(db => db.WeChatIdentities.AnyAsync(w => w.OpenId == openId));
}

public sealed class SafeModePushFactory : WeChatPushFactory
{
    protected override string MessageMode => "Safe";
}

public sealed class PlainModePushFactory : WeChatPushFactory
{
    protected override string MessageMode => "Plain";
}

public class SafeModeTests(SafeModePushFactory factory) : IClassFixture<SafeModePushFactory>
{
    [Fact]
    public async Task A_signed_plain_push_is_refused_and_nothing_is_recorded()
    {
        var openId = Pushes.NewOpenId();
        var sender = factory.OfficialAccount();

        // The plain signature covers token, timestamp and nonce only: anyone who saw one push can replay it with another body.
        await sender.PlainAsync(Pushes.Event(openId, "subscribe", factory.Clock.GetUtcNow().ToUnixTimeSeconds()))
            .ShouldBeRefusedAsync("urn:learn:problem:wechat-not-encrypted");

        (await factory.FollowerRecordedAsync(openId)).ShouldBeFalse();
    }

    [Fact]
    public async Task Encrypted_pushes_are_accepted_with_or_without_plain_fields_beside_them()
    {
        var sender = factory.OfficialAccount();
        var now = factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        var safe = Pushes.NewOpenId();
        await sender.SafeAsync(Pushes.Event(safe, "subscribe", now)).ShouldBeAcceptedAsync();
        await sender.CompatibleAsync(Pushes.Text(Pushes.NewOpenId(), "帮助", now, 24_601_100_001)).ShouldBeAcceptedAsync();
        (await factory.FollowerRecordedAsync(safe)).ShouldBeTrue();
    }
}

public class PlainModeTests(PlainModePushFactory factory) : IClassFixture<PlainModePushFactory>
{
    [Fact]
    public async Task Plain_pushes_are_accepted_and_encrypted_ones_refused()
    {
        var sender = factory.OfficialAccount();
        var now = factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        var plain = Pushes.NewOpenId();
        await sender.PlainAsync(Pushes.Event(plain, "subscribe", now)).ShouldBeAcceptedAsync();
        (await factory.FollowerRecordedAsync(plain)).ShouldBeTrue();

        var encrypted = Pushes.NewOpenId();
        await sender.SafeAsync(Pushes.Event(encrypted, "subscribe", now)).ShouldBeRefusedAsync("urn:learn:problem:bad-request");
        (await factory.FollowerRecordedAsync(encrypted)).ShouldBeFalse();
    }
}

public class CompatibleModeTests(WeChatPushFactory factory) : IClassFixture<WeChatPushFactory>
{
    [Fact]
    public async Task Plain_compatible_and_safe_pushes_are_all_accepted()
    {
        var sender = factory.OfficialAccount();
        var now = factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        var ids = new[] { Pushes.NewOpenId(), Pushes.NewOpenId(), Pushes.NewOpenId() };
        await sender.PlainAsync(Pushes.Event(ids[0], "subscribe", now)).ShouldBeAcceptedAsync();
        await sender.CompatibleAsync(Pushes.Event(ids[1], "subscribe", now)).ShouldBeAcceptedAsync();
        await sender.SafeAsync(Pushes.Event(ids[2], "subscribe", now)).ShouldBeAcceptedAsync();
        foreach (var id in ids) (await factory.FollowerRecordedAsync(id)).ShouldBeTrue();
    }
}
