using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Admin.Tests.Support;

/// <summary>
/// <see cref="AdminApiFactory"/> on a real Kestrel port: request body limits are Kestrel's to enforce (the
/// in-memory test server has none), and its clients talk HTTP over the loopback.
/// </summary>
public sealed class KestrelAdminApiFactory : AdminApiFactory
{
    private Uri? _address;

    public override Uri BaseAddress => _address ?? throw new InvalidOperationException("InitializeAsync has not run.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        _address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}
