using Learn.Api.Bench;
using Learn.Api.Contests;
using Learn.Core.Auth;
using Learn.Core.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLearnServiceDefaults();
builder.Services.AddLearnWeChatServices(builder.Configuration);
builder.Services.AddLearnMemberAuth();
builder.Services.AddContestsApi();

var app = builder.Build();
if (await LearnCommands.TryRunAsync(app, args)) return;
if (await app.TryRunContestCommandAsync(args)) return;

app.UseLearnDefaults();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapLearnHealth();
app.MapGet("/", () => TypedResults.Ok(new { service = "Learn.Api" })).ExcludeFromDescription();
app.MapContests();
app.MapBenchIfEnabled();

await app.MigrateIfConfiguredAsync();
await app.RunAsync();

/// <summary>Marker for WebApplicationFactory: the three hosts each have a Program, so tests name these instead.</summary>
public sealed partial class Program;
