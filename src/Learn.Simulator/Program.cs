using Learn.Simulator;

// 微信模拟器（演示模式）: api.weixin.qq.com for the embedded default, a simulated inbox, and the 模拟小程序 page.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section)
    .ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SimulatedInbox>();
builder.Services.AddHttpClient(MemberApiProxy.ClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
{
    AllowAutoRedirect = false, UseCookies = false,
});
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder =
    System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All));

var app = builder.Build();
app.Logger.LogWarning("演示模式：这是本地微信模拟器，不连接真实微信。小程序登录接受任意 code，发出的消息进入模拟收件箱。");
app.MapSimulatedWeChat();
app.MapSimulatedInbox();
app.MapMemberApiProxy();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapGet("/health/live", () => TypedResults.Text("ok"));
app.MapGet("/health/ready", () => TypedResults.Text("ok"));
app.MapGet("/", () => TypedResults.Redirect("/miniprogram/"));
await app.RunAsync();
