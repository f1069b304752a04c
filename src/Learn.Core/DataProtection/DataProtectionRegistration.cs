using Learn.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Learn.Core.DataProtection;

public static class DataProtectionRegistration
{
    /// <summary>
    /// Data Protection with its keys in the database, under one application name, so every instance
    /// of <paramref name="applicationName"/> reads and writes the same key ring.
    /// </summary>
    public static IServiceCollection AddLearnSharedDataProtection(this IServiceCollection services, string applicationName)
    {
        services.AddDataProtection().SetApplicationName(applicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IDbContextFactory<LearnDbContext>>(), sp.GetRequiredService<TimeProvider>())));
        return services;
    }
}
