using Learn.Admin.Api;
using Learn.Admin.Hosting;
using Learn.Admin.Operators;
using Learn.Admin.Pages.Contests;
using Learn.Admin.Pages.Jobs;
using Learn.Core.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLearnServiceDefaults();
builder.Services.AddAdminSite();
builder.Services.AddAdminApi();

var app = builder.Build();
if (await LearnCommands.TryRunAsync(app, args)) return;
if (await AdminCommand.TryRunAsync(app, args)) return;

app.UseAdminSite();
app.MapLearnHealth();
app.MapRazorPages();
app.MapContestScreen();
app.MapAdminApi();
app.MapAdminHangfire();

await app.MigrateIfConfiguredAsync();
await app.RunAsync();
