using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Learn.Admin.Tests.Demo;

/// <summary>
/// <c>./learn.sh run</c> exactly as a newcomer starts it — SQLite + Garnet + the WeChat simulator, nothing else —
/// on free ports and a throw-away data folder, then <c>./learn.sh demo</c> against it (live round skipped).
/// The solution is already built by <c>./learn.sh test</c>, so the run skips its build (LEARN_RUN_NO_BUILD).
/// </summary>
public sealed class EmbeddedDefault : IAsyncLifetime
{
    private readonly StringBuilder _runOutput = new();
    private readonly string _data = Directory.CreateTempSubdirectory("learn-demo-").FullName;
    private Process? _run;

    public int ApiPort { get; } = FreePort();
    public int AdminPort { get; } = FreePort();
    public int JobsPort { get; } = FreePort();
    public int RedisPort { get; } = FreePort();
    public int SimulatorPort { get; } = FreePort();
    public Uri Api => new($"http://127.0.0.1:{ApiPort}");
    public Uri Admin => new($"http://127.0.0.1:{AdminPort}");
    public Uri Simulator => new($"http://127.0.0.1:{SimulatorPort}");

    /// <summary>What <c>./learn.sh demo</c> printed, and its exit code.</summary>
    public string DemoOutput { get; private set; } = "";
    public int DemoExitCode { get; private set; } = -1;

    public async Task InitializeAsync()
    {
        _run = Start("run");
        var ready = DateTime.UtcNow.AddMinutes(6);
        while (!Output.Contains("机关党建学习平台已启动", StringComparison.Ordinal))
        {
            if (_run.HasExited) throw new InvalidOperationException($"./learn.sh run 退出（{_run.ExitCode}）：\n{Output}\n{Logs()}");
            if (DateTime.UtcNow > ready) throw new TimeoutException($"./learn.sh run 未就绪：\n{Output}\n{Logs()}");
            await Task.Delay(500);
        }
        var (demo, output) = StartDemo(("LEARN_DEMO_LIVE_WAIT", "0"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await demo.WaitForExitAsync(timeout.Token);
        DemoExitCode = demo.ExitCode;
        DemoOutput = Read(output);
        demo.Dispose();
    }

    /// <summary>Starts <c>./learn.sh demo</c>; its output collects in the returned builder (read it with <see cref="Read"/>).</summary>
    public (Process Process, StringBuilder Output) StartDemo(params (string Key, string Value)[] extra)
    {
        var demo = Start("demo", extra);
        var output = new StringBuilder();
        demo.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        demo.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        demo.BeginOutputReadLine();
        demo.BeginErrorReadLine();
        return (demo, output);
    }

    public static string Read(StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    public string Output
    {
        get { lock (_runOutput) return _runOutput.ToString(); }
    }

    /// <summary>The hosts' log files, for a failure message.</summary>
    public string Logs() => string.Join("\n", Directory.EnumerateFiles(Path.Combine(_data, "logs"))
        .Select(f => $"--- {Path.GetFileName(f)}\n{string.Join('\n', File.ReadLines(f).TakeLast(15))}"));

    private Process Start(string command, params (string Key, string Value)[] extra)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot(), "learn.sh"), command])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = RepositoryRoot(),
        };
        // Nothing of the test environment leaks in: the embedded default chooses its own database and Redis.
        foreach (var key in info.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        info.Environment["LEARN_API_PORT"] = ApiPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["LEARN_ADMIN_PORT"] = AdminPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["LEARN_JOBS_PORT"] = JobsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["LEARN_REDIS_PORT"] = RedisPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["LEARN_SIMULATOR_PORT"] = SimulatorPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["LEARN_DATA_DIR"] = _data;
        info.Environment["LEARN_RUN_NO_BUILD"] = "1";
        foreach (var (key, value) in extra) info.Environment[key] = value;
        var process = Process.Start(info)!;
        if (command == "run")
        {
            process.OutputDataReceived += (_, e) => { lock (_runOutput) _runOutput.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (_runOutput) _runOutput.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
        return process;
    }

    public async Task DisposeAsync()
    {
        if (_run is { HasExited: false })
        {
            // SIGTERM, not Kill: run.sh's trap stops the hosts, Garnet and the simulator it started.
            using (var kill = Process.Start("kill", ["-TERM", _run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _run.WaitForExitAsync(grace.Token); }
            catch (OperationCanceledException) { _run.Kill(entireProcessTree: true); }
        }
        _run?.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Learn.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Learn.sln not found above the test binaries.");
    }
}
