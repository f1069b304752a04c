using System.Text.Json.Serialization;
using Learn.Core.Organizers;

namespace Learn.Admin.Api;

/// <summary>
/// The organiser HTTP API (<c>/api/admin/*</c>, bearer tokens) lives beside the admin site, on the host a
/// deployment keeps on the internal network; Learn.Api, which faces the internet, has no organiser surface
/// (docs/decisions/0800-organiser-api-on-the-admin-host.md).
/// </summary>
public static class AdminRegistration
{
    public const string PathPrefix = "/api/admin";

    /// <summary>
    /// The organiser API's services: organiser bearer tokens and its OpenAPI document. The roster, tree and
    /// scope services it calls are the site's own (<see cref="Hosting.AdminSiteRegistration.AddAdminSite"/>).
    /// </summary>
    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddLearnOrganizerAuth();
        // Enums travel as their names ("Branch", "MovedAway"): stable for clients, readable in logs.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddAdminOpenApi();
        return services;
    }

    public static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments(PathPrefix);

    public static WebApplication MapAdminApi(this WebApplication app)
    {
        app.MapAdminOpenApi();
        app.MapAdminAuth();
        app.MapAdminOrganizations();
        app.MapAdminMembers();
        app.MapAdminRoster();
        app.MapAdminInvitations();
        app.MapAdminOrganizers();
        return app;
    }
}
