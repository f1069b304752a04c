using Learn.Core.Notifications;
using Microsoft.Extensions.Options;

namespace Learn.Jobs.Notifications;

public static class DispatcherRegistration
{
    /// <summary>The outbox dispatcher, its rate limiter, and the sender it hands messages to.</summary>
    public static IServiceCollection AddLearnOutboxDispatcher(this IServiceCollection services)
    {
        services.AddLearnNotificationOptions();
        services.AddOptions<DispatcherOptions>().BindConfiguration(DispatcherOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DispatcherOptions>, DispatcherOptionsValidator>();
        services.AddSingleton<SendRateLimiter>();
        services.AddSingleton<OutboxDelivery>();
        services.AddWeChatMessageSender();
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }
}
