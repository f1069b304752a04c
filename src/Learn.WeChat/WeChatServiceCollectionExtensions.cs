using Learn.WeChat.Configuration;
using Learn.WeChat.Http;
using Learn.WeChat.Inbound;
using Learn.WeChat.MiniProgram;
using Learn.WeChat.OfficialAccount;
using Learn.WeChat.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Learn.WeChat;

/// <summary>Registers the WeChat library.</summary>
public static class WeChatServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="WeChatOptions"/> (section <c>WeChat</c>, checked at start-up) and registers
    /// <see cref="MiniProgramClient"/>, <see cref="OfficialAccountClient"/>, <see cref="WeChatInbound"/>,
    /// <see cref="WeChatPushDedupe"/>, <see cref="WeChatAccessTokens"/> and <see cref="JsApiTickets"/>, with HTTP through
    /// <see cref="IHttpClientFactory"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The root configuration.</param>
    /// <param name="redis">
    /// The Redis database for shared state (tokens, locks, de-duplication), e.g.
    /// <c>sp => sp.GetRequiredService&lt;RedisStore&gt;().Database</c>. The library opens no connection of its own.
    /// </param>
    public static IServiceCollection AddLearnWeChat(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, IDatabase> redis)
    {
        services.AddOptions<WeChatOptions>().Bind(configuration.GetSection(WeChatOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeChatOptions>, WeChatOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();

        services.AddHttpClient(WeChatTransport.ClientName, (sp, client) =>
        {
            var o = sp.GetRequiredService<IOptions<WeChatOptions>>().Value;
            client.BaseAddress = new Uri(o.ApiBaseUrl.TrimEnd('/') + "/");
            client.Timeout = o.HttpTimeout;
        });

        services.AddSingleton(sp => new WeChatRedis(() => redis(sp)));
        services.AddSingleton<WeChatTransport>();
        services.AddSingleton<WeChatRetry>();
        services.AddSingleton<RedisCredentialCache>();
        services.AddSingleton<WeChatApi>();
        // Public types with internal constructors: created here so the internals stay out of the public API.
        services.AddSingleton(sp => new WeChatAccessTokens(sp.GetRequiredService<RedisCredentialCache>(),
            sp.GetRequiredService<WeChatTransport>(), sp.GetRequiredService<WeChatRetry>(), sp.GetRequiredService<IOptions<WeChatOptions>>()));
        services.AddSingleton(sp => new JsApiTickets(sp.GetRequiredService<RedisCredentialCache>(),
            sp.GetRequiredService<WeChatApi>(), sp.GetRequiredService<IOptions<WeChatOptions>>()));
        services.AddSingleton(sp => new MiniProgramClient(sp.GetRequiredService<WeChatApi>(), sp.GetRequiredService<IOptions<WeChatOptions>>()));
        services.AddSingleton(sp => new OfficialAccountClient(sp.GetRequiredService<WeChatApi>(), sp.GetRequiredService<JsApiTickets>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<WeChatOptions>>()));
        services.AddSingleton<WeChatInbound>();
        services.AddSingleton<WeChatPushDedupe>();
        return services;
    }
}
