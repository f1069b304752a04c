using Learn.Core.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLearnServiceDefaults();
builder.Services.AddRazorPages();

var app = builder.Build();
if (await LearnCommands.TryRunAsync(app, args)) return;

app.UseLearnDefaults();
app.UseStaticFiles();
app.UseRouting();
app.MapLearnHealth();
app.MapRazorPages();

await app.MigrateIfConfiguredAsync();
await app.RunAsync();
