using Learn.Api.Notifications;
using Learn.Core.Auth;
using Learn.Core.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLearnServiceDefaults();
builder.Services.AddLearnMemberAuth();

var app = builder.Build();
if (await LearnCommands.TryRunAsync(app, args)) return;

app.UseLearnDefaults();
app.UseAuthentication();
app.UseAuthorization();
app.MapLearnHealth();
app.MapNotifications();
app.MapGet("/", () => TypedResults.Ok(new { service = "Learn.Api" })).ExcludeFromDescription();

await app.MigrateIfConfiguredAsync();
await app.RunAsync();

/// <summary>Marker for WebApplicationFactory: the three hosts each have a Program, so tests name these instead.</summary>
public sealed partial class Program;
