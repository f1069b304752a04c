using Learn.Core.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLearnServiceDefaults();
builder.Services.AddLearnWeChatServices(builder.Configuration);

var app = builder.Build();
if (await LearnCommands.TryRunAsync(app, args)) return;

app.UseLearnDefaults();
app.MapLearnHealth();

await app.MigrateIfConfiguredAsync();
await app.RunAsync();
