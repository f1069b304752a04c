using System.Net;
using FakeWeChat;
using Learn.ContractHost;
using Learn.Core.Contests;
using Learn.Core.Hosting;
using Learn.Core.Study;

// Usage: Learn.ContractHost --env-out <file>  (plus the same Database/Redis/Security settings as Learn.Api).
// Starts the fake WeChat server, writes the settings Learn.Api needs to reach it into <file> as
// environment lines, then serves the control API on ContractHost:Port (loopback).
var fake = await FakeWeChatServer.StartAsync();
var builder = WebApplication.CreateBuilder(args);
builder.AddLearnServiceDefaults();
builder.Services.AddContests();
builder.Services.AddLearnStudy();
builder.Services.AddSingleton(fake);
builder.Services.AddScoped<World>();
var port = builder.Configuration.GetValue("ContractHost:Port", 0);
builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, port));

var app = builder.Build();
app.UseLearnDefaults();
app.MapControl();
await app.StartAsync();

if (builder.Configuration["ContractHost:EnvOut"] is { Length: > 0 } envOut)
    await File.WriteAllLinesAsync(envOut, fake.Configuration().Select(kv => $"export {kv.Key.Replace(":", "__", StringComparison.Ordinal)}='{kv.Value}'"));
Console.WriteLine($"contract host ready: control {app.Urls.First()}, fake WeChat {fake.BaseUrl}");
await app.WaitForShutdownAsync();
await fake.DisposeAsync();
