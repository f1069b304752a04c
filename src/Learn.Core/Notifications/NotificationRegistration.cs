using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Learn.Core.Notifications;

public static class NotificationRegistration
{
    /// <summary>Binds and validates <see cref="NotificationOptions"/> (section <c>Notifications</c>).</summary>
    public static IServiceCollection AddLearnNotificationOptions(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        return services;
    }
}
