using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Core.Hosting;

/// <summary>
/// Behind nginx (deploy/nginx/learn.conf) the connection comes from the proxy. X-Forwarded-For and
/// X-Forwarded-Proto are believed only from the addresses in <c>ReverseProxy:KnownProxies</c> (none by
/// default, loopback included: anyone on the box could otherwise forge a member's address), so audit
/// entries and rate limits see the member, and cookies set over TLS at nginx are marked Secure.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "ReverseProxy";

    public static WebApplicationBuilder AddLearnReverseProxy(this WebApplicationBuilder builder)
    {
        var proxies = builder.Configuration.GetSection(Section + ":KnownProxies").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var p in proxies) o.KnownProxies.Add(IPAddress.Parse(p));
            o.ForwardLimit = 1; // one proxy: its own view of the client is the last entry
        });
        builder.Services.AddSingleton<IStartupFilter, ForwardedFirst>();
        return builder;
    }

    /// <summary>Before anything reads the client's address or scheme (the hosts' own middleware, the auth cookies).</summary>
    private sealed class ForwardedFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseForwardedHeaders();
            next(app);
        };
    }
}
