using Learn.WeChat.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Learn.WeChat.Tests.Configuration;

public class OptionsValidationTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["WeChat:MiniProgram:AppId"] = "wx1111111111111111",
        ["WeChat:MiniProgram:AppSecret"] = "s1",
        ["WeChat:OfficialAccount:AppId"] = "wx2222222222222222",
        ["WeChat:OfficialAccount:AppSecret"] = "s2",
        ["WeChat:OfficialAccount:Token"] = "Token123",
        ["WeChat:OfficialAccount:MessageMode"] = "Plain",
        ["WeChat:Templates:ContestReminder"] = "tpl-abc",
    };

    [Fact]
    public void Valid_configuration_binds_defaults_and_templates()
    {
        var options = Resolve(Valid).Value;
        options.ApiBaseUrl.ShouldBe("https://api.weixin.qq.com");
        options.MiniProgram.MessageState.ShouldBe("formal");
        options.TemplateId("ContestReminder").ShouldBe("tpl-abc");
        Should.Throw<InvalidOperationException>(() => options.TemplateId("Missing")).Message.ShouldContain("WeChat:Templates:Missing");
    }

    [Fact]
    public void Every_problem_is_reported_naming_its_setting_at_start()
    {
        var settings = new Dictionary<string, string?>(Valid)
        {
            ["WeChat:MiniProgram:AppSecret"] = "",
            ["WeChat:OfficialAccount:AppId"] = "not-an-app-id",
            ["WeChat:OfficialAccount:EncodingAESKey"] = "short",
            ["WeChat:OfficialAccount:MessageMode"] = "Compatible",
            ["WeChat:MiniProgram:MessageState"] = "production",
        };
        using var provider = Provider(settings);

        // ValidateOnStart: the host runs this validator before serving anything.
        var ex = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        ex.Failures.ShouldContain("WeChat:MiniProgram:AppSecret is required.");
        ex.Failures.ShouldContain(f => f.StartsWith("WeChat:OfficialAccount:AppId must look like"));
        ex.Failures.ShouldContain("WeChat:OfficialAccount:EncodingAESKey must be 43 letters or digits.");
        ex.Failures.ShouldContain("WeChat:MiniProgram:MessageState must be formal, trial or developer.");
        ex.Failures.Count().ShouldBe(4);
    }

    [Theory]
    [InlineData(null, "", "WeChat:OfficialAccount:MessageMode is required: Plain, Compatible or Safe (as set in the WeChat console).")]
    [InlineData("Plain", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "WeChat:OfficialAccount:EncodingAESKey is set but MessageMode is Plain: choose Compatible or Safe, or remove the key.")]
    [InlineData("Safe", "", "WeChat:OfficialAccount:MessageMode Safe needs WeChat:OfficialAccount:EncodingAESKey.")]
    [InlineData("Compatible", "", "WeChat:OfficialAccount:MessageMode Compatible needs WeChat:OfficialAccount:EncodingAESKey.")]
    public void Message_mode_is_explicit_and_matches_the_key(string? mode, string key, string failure)
    {
        var settings = new Dictionary<string, string?>(Valid)
        {
            ["WeChat:OfficialAccount:MessageMode"] = mode,
            ["WeChat:OfficialAccount:EncodingAESKey"] = key,
        };
        using var provider = Provider(settings);

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate())
            .Failures.ShouldBe([failure]);
    }

    private static IOptions<WeChatOptions> Resolve(Dictionary<string, string?> settings)
        => Provider(settings).GetRequiredService<IOptions<WeChatOptions>>();

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        // Options validation needs no Redis: the factory is never called here.
        return new ServiceCollection()
            .AddLearnWeChat(configuration, _ => throw new InvalidOperationException("Redis not needed"))
            .BuildServiceProvider();
    }
}
