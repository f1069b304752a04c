using System.Text.Json.Serialization;
using Learn.Api.Auth;
using Learn.Api.Bench;
using Learn.Api.Contests;
using Learn.Api.Hosting;
using Learn.Api.Me;
using Learn.Api.Notifications;
using Learn.Api.OfficialAccountBinding;
using Learn.Api.OpenApi;
using Learn.Api.WeChat;
using Learn.Api.Study;
using Learn.Core.Auth;
using Learn.Core.Hosting;
using Learn.Core.Identity;
using Learn.Core.Study;

var builder = WebApplication.CreateBuilder(args);
builder.AddLearnServiceDefaults();
builder.Services.AddLearnWeChatServices(builder.Configuration);
builder.Services.AddWeChatPush();
builder.Services.AddLearnMemberAuth();
// Enums travel as their names: part of the member contract (miniprogram-contract/openapi.json).
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddLearnMemberLogin();
builder.Services.AddLoginAddressLimit();
builder.Services.AddOfficialAccountBinding();
builder.Services.AddContestsApi();
builder.Services.AddLearnStudy();
builder.Services.AddStudyApi();
builder.Services.AddLearnOpenApi();

var app = builder.Build();
if (await LearnCommands.TryRunAsync(app, args)) return;
if (await app.TryRunContestCommandAsync(args)) return;

app.UseLearnDefaults();
app.UseDatabaseUnavailable();
app.UseAuthentication();
app.UseAuthorization();
app.MapLearnHealth();
app.MapLearnOpenApi();
app.MapAuth();
app.MapMe();
app.MapContests();
app.MapWeChatPush();
app.MapOfficialAccountBinding();
app.MapBenchIfEnabled();
app.MapStudy();
app.MapNotifications();
app.MapGet("/", () => TypedResults.Ok(new { service = "Learn.Api" })).ExcludeFromDescription();

await app.MigrateIfConfiguredAsync();
await app.RunAsync();

/// <summary>Marker for WebApplicationFactory: the three hosts each have a Program, so tests name these instead.</summary>
public sealed partial class Program;
