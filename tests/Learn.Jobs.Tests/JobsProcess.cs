using System.Collections.Concurrent;
using System.Diagnostics;

namespace Learn.Jobs.Tests;

/// <summary>
/// A real Learn.Jobs process (<c>dotnet src/Learn.Jobs/bin/…/Learn.Jobs.dll</c>), started the way production
/// starts it, with settings as environment variables. Output is kept for assertions and failure messages.
/// </summary>
public sealed class JobsProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private JobsProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;
    public IReadOnlyCollection<string> Output => _output.ToArray();
    public bool HasExited => _process.HasExited;

    /// <summary>The process's peak resident memory so far (VmHWM on Linux).</summary>
    public long PeakWorkingSetMegabytes
    {
        get
        {
            _process.Refresh();
            return _process.PeakWorkingSet64 / (1024 * 1024);
        }
    }

    public static string DllPath
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Learn.sln"))) dir = dir.Parent;
            var root = dir?.FullName ?? throw new InvalidOperationException("Learn.sln not found above the test assembly.");
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(root, "src", "Learn.Jobs", "bin", configuration, "net10.0", "Learn.Jobs.dll");
        }
    }

    public static JobsProcess Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(DllPath)!, // the content root: appsettings.json lives there
        };
        info.ArgumentList.Add(DllPath);
        foreach (var a in args) info.ArgumentList.Add(a);
        // Nothing from the test runner's own settings may leak into the child.
        foreach (var key in info.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment) info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return new JobsProcess(Process.Start(info)!);
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

    /// <summary>Waits until <c>/health/ready</c> answers 200 on <paramref name="port"/>.</summary>
    public async Task WaitReadyAsync(int port, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException("Learn.Jobs exited:\n" + string.Join('\n', Output));
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException("Learn.Jobs did not become ready:\n" + string.Join('\n', Output.TakeLast(40)));
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>kill -9: no shutdown hooks, no flushing, nothing finishes.</summary>
    public void KillHard()
    {
        if (!_process.HasExited) Process.Start("kill", ["-9", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        _process.WaitForExit(10_000);
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
}
