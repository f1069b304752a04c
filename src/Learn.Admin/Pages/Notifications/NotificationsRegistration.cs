using Learn.Core.Notifications;
using Learn.Core.Jobs;
using Microsoft.Extensions.Options;

namespace Learn.Admin.Pages.Notifications;

public static class NotificationsRegistration
{
    /// <summary>
    /// The settings the notification, holiday and jobs pages read: WeChat templates (<c>Notifications</c>) for reach,
    /// and Learn.Jobs' schedule (<c>Jobs</c>), which a deployment gives both processes (docs/decisions/0602).
    /// </summary>
    public static IServiceCollection AddAdminNotifications(this IServiceCollection services)
    {
        services.AddLearnNotificationOptions(sends: false);
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();
        return services;
    }
}
