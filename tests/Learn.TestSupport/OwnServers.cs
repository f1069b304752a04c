using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Learn.TestSupport;

/// <summary>
/// A redis-server and a PostgreSQL cluster of a test's own, on free loopback ports, that the test may
/// stop and start (fault tests): the shared test servers must stay up for the other test classes.
/// </summary>
public sealed class OwnRedis : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("learn-own-redis.").FullName;

    public int Port { get; } = OwnServers.FreePort();
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts (or restarts) the server empty: no RDB, no AOF.</summary>
    public async Task StartAsync()
    {
        await OwnServers.RunAsync("redis-server", $"--port {Port} --bind 127.0.0.1 --dir {_dir} --save \"\" --appendonly no --daemonize yes --pidfile {_dir}/redis.pid --logfile {_dir}/log");
        await OwnServers.WaitAsync(() => OwnServers.RunAsync("redis-cli", $"-p {Port} ping"));
    }

    public Task StopAsync() => OwnServers.RunAsync("redis-cli", $"-p {Port} shutdown nosave");

    public Task FlushAllAsync() => OwnServers.RunAsync("redis-cli", $"-p {Port} flushall");

    /// <summary>Holds every client's commands for <paramref name="ms"/> (CLIENT PAUSE … ALL): a Redis that is slow, not down.</summary>
    public Task PauseAsync(int ms) => OwnServers.RunAsync("redis-cli", $"-p {Port} client pause {ms} all");

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); } catch (InvalidOperationException) { /* already stopped */ }
        Directory.Delete(_dir, true);
    }
}

/// <summary>A throw-away PostgreSQL cluster (initdb once per test class; fast, non-durable settings like the shared one).</summary>
public sealed class OwnPostgres : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("learn-own-pg.").FullName;
    private static readonly string Bin = Directory.GetDirectories("/usr/lib/postgresql").Order().Select(d => Path.Combine(d, "bin")).Last();

    public int Port { get; } = OwnServers.FreePort();
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=learn;Database=postgres;Timeout=3;Command Timeout=10;Include Error Detail=true";

    public async Task InitAsync()
    {
        if (Environment.UserName == "root") await OwnServers.RunAsync("chown", $"postgres {_dir}");
        await AsPostgres("initdb", $"-D {_dir}/data -U learn --auth=trust -E UTF8 --locale=C.UTF-8");
        await StartAsync();
    }

    public Task StartAsync() => AsPostgres("pg_ctl",
        $"-D {_dir}/data -l {_dir}/log -w -o \"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start");

    /// <summary>Fast shutdown: open connections are cut, as when the server goes away.</summary>
    public Task StopAsync() => AsPostgres("pg_ctl", $"-D {_dir}/data -m fast -w stop");

    private static Task AsPostgres(string tool, string args) => Environment.UserName == "root"
        ? OwnServers.RunAsync("runuser", $"-u postgres -- {Path.Combine(Bin, tool)} {args}")
        : OwnServers.RunAsync(Path.Combine(Bin, tool), args);

    public async ValueTask DisposeAsync()
    {
        try { await AsPostgres("pg_ctl", $"-D {_dir}/data -m immediate stop"); } catch (InvalidOperationException) { /* already stopped */ }
        Directory.Delete(_dir, true);
    }
}

internal static class OwnServers
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task RunAsync(string file, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {args}: exit {p.ExitCode}: {await output}{await error}");
    }

    public static async Task WaitAsync(Func<Task> probe)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                await probe();
                return;
            }
            catch (InvalidOperationException) when (i < 50)
            {
                await Task.Delay(100);
            }
        }
    }
}
