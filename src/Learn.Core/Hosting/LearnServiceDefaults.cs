using Learn.Core.Data;
using Learn.Core.Hosting.Metrics;
using Learn.Core.Redis;
using Learn.Core.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learn.Core.Hosting;

/// <summary>What Learn.Api, Learn.Jobs and Learn.Admin all need: config validation, logs, data, health, errors.</summary>
public static class LearnServiceDefaults
{
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddLearnServiceDefaults(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // Production: one JSON object a line, with scopes (ASP.NET Core puts RequestId/TraceId in scope,
        // jobs add JobId), for journald and log shippers. The embedded demo (Development) stays readable.
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        else
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        builder.AddLearnMetrics();
        builder.AddLearnReverseProxy();

        services.TryAddSingleton(TimeProvider.System);
        services.AddLearnProblemDetails();
        services.AddLearnDatabase(builder.Configuration);

        services.AddOptions<RedisOptions>()
            .BindConfiguration(RedisOptions.Section)
            .Configure(o => o.ConnectionString = builder.Configuration.GetConnectionString("Redis"))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<RedisStore>();

        services.AddOptions<PersonalDataOptions>().BindConfiguration(PersonalDataOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<PersonalDataProtector>();
        services.AddHttpContextAccessor(); // the client's address for audit entries made in a request
        services.TryAddScoped<Learn.Core.Auditing.Auditor>();
        services.AddOptions<Demo.DemoModeOptions>().BindConfiguration(Demo.DemoModeOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Demo.DemoModeOptions>, Demo.DemoModeValidator>();
        services.AddHostedService<Demo.DemoModeBanner>();

        services.AddHealthChecks()
            .AddDbContextCheck<LearnDbContext>("database", tags: [ReadyTag])
            .AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag]);
        return builder;
    }

    /// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (database and Redis reachable).</summary>
    public static WebApplication MapLearnHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadyTag),
            ResponseWriter = WriteJson,
        });
        return app;
    }

    public static WebApplication UseLearnDefaults(this WebApplication app)
    {
        app.UseLearnProblemDetails();
        return app;
    }

    /// <summary>Applies migrations at start when <c>Database:MigrateOnStart</c> is set (the embedded default).</summary>
    public static async Task MigrateIfConfiguredAsync(this WebApplication app)
    {
        // Validate settings before touching the database, so a bad setting is reported by name.
        app.Services.GetService<IStartupValidator>()?.Validate();
        if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart)
            await DatabaseMigrator.MigrateAsync(app.Services);
    }

    private static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
            }),
        });
    }
}
