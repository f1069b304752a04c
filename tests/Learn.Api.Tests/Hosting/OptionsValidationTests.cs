using Microsoft.Extensions.Options;

namespace Learn.Api.Tests.Hosting;

/// <summary>A missing or malformed setting stops the start with a message naming the setting.</summary>
public class OptionsValidationTests
{
    private sealed class MisconfiguredFactory(string key, string? value) : ApiFactory
    {
        protected override void ConfigureSettings(IDictionary<string, string?> settings) => settings[key] = value;
    }

    [Theory]
    [InlineData("ConnectionStrings:Learn", null, "ConnectionStrings:Learn")]
    [InlineData("ConnectionStrings:Redis", null, "ConnectionStrings:Redis")]
    [InlineData("Security:PersonalDataKey", null, "Security:PersonalDataKey")]
    [InlineData("Security:PersonalDataKey", "c2hvcnQ=", "PersonalDataKey")]
    [InlineData("Redis:KeyPrefix", "Has Spaces!", "Redis:KeyPrefix")]
    [InlineData("Auth:SigningKey", null, "Auth:SigningKey")]
    [InlineData("WeChatPush:BindingPageUrl", "/wechat/oa/bind", "WeChatPush:BindingPageUrl")]
    [InlineData("WeChatPush:BindingPageUrl", "https://learn.example.cn/wechat/oa/bind#top", "WeChatPush:BindingPageUrl")]
    public async Task Start_fails_naming_the_bad_setting(string key, string? value, string named)
    {
        await using var factory = new MisconfiguredFactory(key, value);
        await factory.InitializeAsync();
        try
        {
            var error = Should.Throw<OptionsValidationException>(() => factory.CreateClient());
            error.Message.ShouldContain(named);
        }
        finally
        {
            await factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task Unknown_database_provider_stops_the_start()
    {
        await using var factory = new MisconfiguredFactory("Database:Provider", "Oracle");
        await factory.InitializeAsync();
        try
        {
            Should.Throw<Exception>(() => factory.CreateClient()).ToString().ShouldContain("Database");
        }
        finally
        {
            await factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_WeChat_simulator_is_refused_on_PostgreSQL()
    {
        // ApiFactory runs on PostgreSQL: a copied demo setting must stop the start, not let any login code in.
        await using var factory = new MisconfiguredFactory("Demo:SimulatorUrl", "http://127.0.0.1:5083");
        await factory.InitializeAsync();
        try
        {
            var error = Should.Throw<OptionsValidationException>(() => factory.CreateClient());
            error.Message.ShouldContain("Demo:SimulatorUrl");
            error.Message.ShouldContain("Database:Provider=Sqlite");
        }
        finally
        {
            await factory.DisposeAsync();
        }
    }
}
