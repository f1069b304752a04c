using Learn.Core.Notifications;
using Microsoft.Extensions.Options;

namespace Learn.Jobs.Notifications;

public static class DispatcherRegistration
{
    /// <summary>
    /// The outbox dispatcher, its rate limiter, the sender it hands messages to, and the expander that writes
    /// audience campaigns; each feature adds its own <see cref="IRecipientSource"/> beside its job.
    /// </summary>
    public static IServiceCollection AddLearnOutboxDispatcher(this IServiceCollection services)
    {
        services.AddLearnNotificationOptions();
        services.AddOptions<DispatcherOptions>().BindConfiguration(DispatcherOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DispatcherOptions>, DispatcherOptionsValidator>();
        services.AddSingleton<SendRateLimiter>();
        services.AddSingleton<OutboxDelivery>();
        services.AddSingleton<CampaignExpander>();
        services.AddSingleton<IRecipientSource, AudienceSource>();
        services.AddSingleton<IRecipientSource, Notices.NoticeRecipients>(); // organisers' notices, written in Learn.Admin
        services.AddWeChatMessageSender();
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<OutboxBacklog>();
        return services;
    }
}
