using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Learn.Core.Notifications;

public static class NotificationRegistration
{
    /// <summary>
    /// Binds and validates <see cref="NotificationOptions"/> (section <c>Notifications</c>). <paramref name="sends"/>: this
    /// host sends messages (Learn.Jobs), so every template needs a channel; a host that only shows them (Learn.Admin's
    /// previews and reach) starts without template ids, which a deployment may give to Learn.Jobs alone.
    /// </summary>
    public static IServiceCollection AddLearnNotificationOptions(this IServiceCollection services, bool sends = true)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>>(new NotificationOptionsValidator(sends)));
        return services;
    }
}
