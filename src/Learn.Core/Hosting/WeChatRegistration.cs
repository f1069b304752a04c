using Learn.Core.Redis;
using Learn.WeChat;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Core.Hosting;

public static class WeChatRegistration
{
    /// <summary>
    /// The WeChat protocol library (section <c>WeChat</c>), sharing the process's Redis connection and
    /// key prefix for access tokens, tickets and push dedupe. Learn.Api and Learn.Jobs call this.
    /// </summary>
    public static IServiceCollection AddLearnWeChatServices(this IServiceCollection services, IConfiguration configuration) =>
        services.AddLearnWeChat(configuration, sp => sp.GetRequiredService<RedisStore>().Database);
}
