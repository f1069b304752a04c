using System.Text.Json.Serialization;
using Learn.Core.Organizers;

namespace Learn.Api.Admin;

public static class AdminRegistration
{
    /// <summary>The organiser API's services: roster/tree/scope (Learn.Core) and organiser bearer tokens.</summary>
    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddLearnRoster();
        services.AddLearnOrganizerAuth();
        // Enums travel as their names ("Branch", "MovedAway"): stable for clients, readable in logs.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return services;
    }
}
