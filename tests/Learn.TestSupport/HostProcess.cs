using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Learn.TestSupport;

/// <summary>
/// One of the three hosts as a child process (<c>dotnet src/Learn.X/bin/…/Learn.X.dll</c>), configured only through
/// environment variables as systemd would, so signals, exit codes, stdin and stdout are the real ones. Output (stdout
/// and stderr, one entry a line) is kept for assertions and failure messages.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private HostProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public IReadOnlyCollection<string> Lines => _lines.ToArray();
    public string Output => string.Join('\n', _lines);
    public bool HasExited => _process.HasExited;

    /// <summary>The host's process id (<c>dotnet X.dll</c> runs the app in that process), for /proc.</summary>
    public int Id => _process.Id;
    public int ExitCode => _process.ExitCode;

    /// <summary>The process's peak resident memory so far (VmHWM on Linux).</summary>
    public long PeakWorkingSetMegabytes
    {
        get
        {
            _process.Refresh();
            return _process.PeakWorkingSet64 / (1024 * 1024);
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Learn.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Learn.sln not found above the test assembly.");
        }
    }

    /// <summary>The host's build output for the configuration the tests themselves were built in.</summary>
    public static string DllOf(string host)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(RepositoryRoot, "src", host, "bin", configuration, "net10.0", host + ".dll");
    }

    /// <param name="host">Learn.Api, Learn.Admin or Learn.Jobs (its build output), or a path to a .dll (a published one).</param>
    /// <param name="stdin">Written to standard input, which is then closed; null leaves stdin empty.</param>
    public static HostProcess Start(string host, IReadOnlyDictionary<string, string?> environment, string? stdin, params string[] args)
    {
        var dll = host.EndsWith(".dll", StringComparison.Ordinal) ? host : DllOf(host);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!, // the content root: appsettings.json lives there
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        // The child sees only what the test gives it, not the runner's own settings.
        foreach (var key in info.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("LEARN_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment) info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = new HostProcess(Process.Start(info)!);
        if (stdin is not null) process._process.StandardInput.Write(stdin);
        process._process.StandardInput.Close();
        return process;
    }

    /// <summary>Runs a one-shot command to its end and returns its exit code.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string host, IReadOnlyDictionary<string, string?> environment, string? stdin, params string[] args)
    {
        await using var p = Start(host, environment, stdin, args);
        var code = await p.WaitForExitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(100); // let the last output lines arrive
        return (code, p.Output);
    }

    public Task WaitReadyAsync(int port, TimeSpan timeout) =>
        WaitReadyAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")), timeout);

    /// <summary>Waits until <c>/health/ready</c> answers 200.</summary>
    public async Task WaitReadyAsync(Uri baseAddress, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync(new Uri(baseAddress, "/health/ready"))).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException("not ready:\n" + string.Join('\n', Lines.TakeLast(40)));
    }

    /// <summary>What systemd sends on <c>systemctl stop</c> or a rolling restart.</summary>
    public void SendTerm() => Signal("-TERM");

    /// <summary>kill -9: no shutdown hooks, no flushing, nothing finishes.</summary>
    public void KillHard()
    {
        if (!_process.HasExited) Signal("-9");
        _process.WaitForExit(10_000);
    }

    private void Signal(string signal) =>
        Process.Start("kill", [signal, _process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
