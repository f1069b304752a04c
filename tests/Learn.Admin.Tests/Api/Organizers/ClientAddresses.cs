using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Learn.Admin.Hosting;
using Learn.Admin.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Admin.Tests.Api.Organizers;

/// <summary>
/// The in-memory test server has no client address; this starts another instance of the app (same
/// database, same Redis) that takes each request's address from <see cref="Header"/>, the way a
/// trusted proxy's forwarded header would.
/// </summary>
public static class ClientAddresses
{
    public const string Header = "X-Test-Client-Address";

    public static WebApplicationFactory<AdminSite> InstanceWithClientAddresses(this AdminApiFactory factory) =>
        factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, FromHeader>()));

    public static HttpClient ClientFrom(this WebApplicationFactory<AdminSite> instance, string address)
    {
        var client = instance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    private sealed class FromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, proceed) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header], out var address)) context.Connection.RemoteIpAddress = address;
                return proceed(context);
            });
            next(app);
        };
    }
}
