using FakeWeChat;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.WeChat.Tests.Support;

/// <summary>
/// One "instance" of an app using the library: its own ServiceProvider wired to the fake server and
/// the shared test Redis. Two hosts with the same prefix behave like two API instances.
/// </summary>
internal static class WeChatHost
{
    public static ServiceProvider Create(FakeWeChatServer fake, string redisPrefix, IDictionary<string, string?>? settings = null,
        TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(fake.Configuration())
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["WeChat:Retry:BaseDelay"] = "00:00:00.010",
                ["WeChat:HttpTimeout"] = "00:00:02",
                ["WeChat:MiniProgram:Page"] = "pages/index/index",
                ["WeChat:MiniProgram:MessageState"] = "trial",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        if (time is not null) services.AddSingleton(time);
        services.AddLearnWeChat(configuration, _ => TestRedis.Database(redisPrefix));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
