using System.Globalization;
using Hangfire;
using Learn.Core.Jobs;
using Learn.Core.Organizers;

namespace Learn.Admin.Pages.Jobs;

/// <summary>
/// Hangfire's own dashboard at <see cref="Path"/>, inside the admin site: super administrators only, by the site's
/// cookie sign-in and <see cref="Policy"/> (no second login); read-only, so the audited 立即执行 on the 任务 page stays
/// the one way to start a job; the storage connection string is not shown; Chinese (docs/decisions/0403).
/// </summary>
public static class HangfireDashboard
{
    public const string Path = "/jobs/hangfire";
    public const string Policy = "learn-super-admin";
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    public static IServiceCollection AddAdminHangfire(this IServiceCollection services)
    {
        services.AddLearnHangfireStorage(); // a client: the admin site runs no Hangfire server
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
            c.Resource is HttpContext http && http.Items[typeof(OrganizerScope)] is OrganizerScope { IsSuperAdmin: true }));
        return services;
    }

    public static void MapAdminHangfire(this IEndpointRouteBuilder app) =>
        app.MapHangfireDashboardWithAuthorizationPolicy(Policy, Path, new DashboardOptions
        {
            AppPath = "/Jobs",
            DashboardTitle = "Learn 定时任务（Hangfire）",
            DisplayStorageConnectionString = false, // Hangfire shows it by default
            IsReadOnlyFunc = _ => true,
        }).Add(endpoint =>
        {
            // The dashboard reads its strings from the zh satellite assembly by the request's UI culture.
            var next = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = context =>
            {
                CultureInfo.CurrentUICulture = Chinese;
                return next(context);
            };
        });
}
