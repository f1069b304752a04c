using Learn.Core.Hosting;
using Learn.Jobs.Holidays;
using Learn.Jobs.Notifications;
using Learn.Jobs.Scheduling;

// The holiday preview is a pure calculation: it runs before anything asks for a connection string.
if (args is ["holidays", .. var previewArgs]) return HolidaysCommand.Run(previewArgs);

var builder = WebApplication.CreateBuilder(args);
builder.AddLearnServiceDefaults();
builder.Services.AddLearnWeChatServices(builder.Configuration);
builder.AddLearnScheduler();
builder.Services.AddLearnOutboxDispatcher();

var app = builder.Build();
if (await LearnCommands.TryRunAsync(app, args)) return 0;

app.UseLearnDefaults();
app.MapLearnHealth();

await app.MigrateIfConfiguredAsync();
await app.RunAsync();
return 0;

/// <summary>Marker for WebApplicationFactory in tests/Learn.Jobs.Tests.</summary>
public sealed partial class Program;
