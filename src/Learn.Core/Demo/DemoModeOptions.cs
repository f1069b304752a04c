using Learn.Core.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learn.Core.Demo;

/// <summary>
/// Section <c>Demo</c>. <c>./learn.sh run</c> sets <c>Demo:SimulatorUrl</c> to the local WeChat simulator
/// (src/Learn.Simulator) and points <c>WeChat:ApiBaseUrl</c> at the same address: 演示模式.
/// </summary>
public sealed class DemoModeOptions
{
    public const string Section = "Demo";

    /// <summary>The WeChat simulator's address; empty outside the embedded default.</summary>
    public string SimulatorUrl { get; set; } = "";

    public bool IsDemo => !string.IsNullOrWhiteSpace(SimulatorUrl);
}

/// <summary>
/// The simulator accepts any login code: with it, anyone could sign in as anyone. It is refused on PostgreSQL
/// (a real deployment), so a copied demo setting fails the start instead of opening the door (ADR 0008).
/// </summary>
internal sealed class DemoModeValidator(IOptions<DatabaseOptions> database) : IValidateOptions<DemoModeOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoModeOptions options) =>
        options.IsDemo && database.Value.Provider != DatabaseProvider.Sqlite
            ? ValidateOptionsResult.Fail(
                $"Demo:SimulatorUrl（{options.SimulatorUrl}）指向微信模拟器，只能用于内置默认环境（Database:Provider=Sqlite）。" +
                "PostgreSQL 环境请删除 Demo:SimulatorUrl，并把 WeChat:ApiBaseUrl 指向真实微信接口。")
            : ValidateOptionsResult.Success;
}

/// <summary>Says 演示模式 in every host's log at start, so nobody mistakes the simulator for WeChat.</summary>
internal sealed partial class DemoModeBanner(IOptions<DemoModeOptions> options, ILogger<DemoModeBanner> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.IsDemo) LogDemo(log, options.Value.SimulatorUrl);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "演示模式：微信接口指向本地模拟器 {SimulatorUrl}，任何登录 code 都被接受，消息只进入模拟收件箱，不会发到真实微信。")]
    private static partial void LogDemo(ILogger logger, string simulatorUrl);
}
