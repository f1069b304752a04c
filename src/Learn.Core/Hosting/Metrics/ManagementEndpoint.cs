using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Learn.Core.Hosting.Metrics;

/// <summary>
/// <c>/metrics</c> (Prometheus text) on a port of its own, <c>Management:Urls</c> (each host's appsettings.json:
/// 127.0.0.1:5180 Api, :5181 Admin, :5182 Jobs). The public port never answers it, whatever the Host header
/// says: the branch is chosen by the port the connection arrived on. An empty setting turns the port off.
/// </summary>
public static class ManagementEndpoint
{
    public const string Section = "Management:Urls";

    public static WebApplicationBuilder AddLearnMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(LearnMetrics.MeterName, "Learn.WeChat", "Npgsql", "System.Runtime")
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());

        var management = (builder.Configuration[Section] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (management.Length == 0) return builder;
        // Kestrel listens on the public addresses (Urls) and the management ones together.
        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } u ? u : "http://localhost:5000";
        builder.WebHost.UseUrls([.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries), .. management]);
        var ports = management.Select(a => new Uri(a.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal)).Port).ToHashSet();
        builder.Services.AddSingleton<IStartupFilter>(new ManagementBranch(ports));
        return builder;
    }

    /// <summary>Runs before the host's own pipeline, so nothing of the app is reachable on the management port.</summary>
    private sealed class ManagementBranch(HashSet<int> ports) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.MapWhen(c => ports.Contains(c.Connection.LocalPort), m =>
            {
                m.UseOpenTelemetryPrometheusScrapingEndpoint();
                m.Run(c =>
                {
                    c.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                });
            });
            next(app);
        };
    }
}
