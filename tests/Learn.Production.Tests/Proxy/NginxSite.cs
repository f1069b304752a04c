using Learn.TestSupport;
using System.Diagnostics;
using System.Globalization;

namespace Learn.Production.Tests.Proxy;

/// <summary>
/// Debian's nginx running the published site (<c>deploy/nginx/learn.conf</c>, what <c>./learn.sh publish</c> ships),
/// rendered for the test: loopback ports, the test's upstreams, a throw-away self-signed certificate, and a private
/// prefix (pid, logs, temp paths) under a temp dir, so it runs beside anything else on the machine, as root or not.
/// </summary>
public sealed class NginxSite : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private NginxSite(Process process, string dir, int publicPort, int internalPort)
    {
        (_process, _dir, PublicPort, InternalPort) = (process, dir, publicPort, internalPort);
    }

    public int PublicPort { get; }
    public int InternalPort { get; }
    public string ErrorLog => File.Exists(Path.Combine(_dir, "error.log")) ? File.ReadAllText(Path.Combine(_dir, "error.log")) : "";

    public static async Task<NginxSite> StartAsync(int[] apiPorts, int adminPort)
    {
        var dir = Directory.CreateTempSubdirectory("learn-nginx-").FullName;
        Run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=learn.test",
            "-keyout", Path.Combine(dir, "key.pem"), "-out", Path.Combine(dir, "cert.pem"));
        var (publicPort, internalPort, redirectPort) = (HostProcess.FreePort(), HostProcess.FreePort(), HostProcess.FreePort());
        var site = File.ReadAllText(Path.Combine(HostProcess.RepositoryRoot, "deploy", "nginx", "learn.conf"))
            .Replace("    server 127.0.0.1:5080 max_fails=0;", string.Join('\n', apiPorts.Select(p => $"    server 127.0.0.1:{p} max_fails=0;")), StringComparison.Ordinal)
            .Replace("server 127.0.0.1:5081;", $"server 127.0.0.1:{adminPort};", StringComparison.Ordinal)
            .Replace("listen 80;", $"listen 127.0.0.1:{redirectPort};", StringComparison.Ordinal)
            .Replace("listen 443 ssl http2;", $"listen 127.0.0.1:{publicPort} ssl http2;", StringComparison.Ordinal)
            .Replace("listen 10.0.0.10:8443 ssl http2;", $"listen 127.0.0.1:{internalPort} ssl http2;", StringComparison.Ordinal)
            .Replace("/etc/ssl/learn/fullchain.pem", Path.Combine(dir, "cert.pem"), StringComparison.Ordinal)
            .Replace("/etc/ssl/learn/privkey.pem", Path.Combine(dir, "key.pem"), StringComparison.Ordinal);
        site = string.Join('\n', site.Split('\n').Where(l => !l.Contains("listen [::]", StringComparison.Ordinal)));
        var root = Environment.UserName == "root" ? "user root root;\n" : "";
        File.WriteAllText(Path.Combine(dir, "nginx.conf"), $$"""
            {{root}}daemon off;
            worker_processes 1;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log warn;
            events { worker_connections 512; }
            http {
                access_log off;
                client_body_temp_path {{dir}}/body;
                proxy_temp_path {{dir}}/proxy;
                fastcgi_temp_path {{dir}}/fastcgi;
                uwsgi_temp_path {{dir}}/uwsgi;
                scgi_temp_path {{dir}}/scgi;
                include {{dir}}/learn.conf;
            }
            """);
        File.WriteAllText(Path.Combine(dir, "learn.conf"), site);
        var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        var info = new ProcessStartInfo(nginx) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-p", dir, "-c", Path.Combine(dir, "nginx.conf") }) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        var started = new NginxSite(process, dir, publicPort, internalPort);
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited) throw new InvalidOperationException("nginx exited: " + await process.StandardError.ReadToEndAsync() + started.ErrorLog);
            try
            {
                using var tcp = new System.Net.Sockets.TcpClient();
                await tcp.ConnectAsync("127.0.0.1", publicPort);
                return started;
            }
            catch (System.Net.Sockets.SocketException) { await Task.Delay(100); }
        }
        throw new TimeoutException("nginx did not listen: " + started.ErrorLog);
    }

    /// <summary>An HTTPS client for one of the site's blocks that trusts the throw-away certificate.</summary>
    public HttpClient Client(int port, bool cookies = false) =>
        new(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            UseCookies = cookies, AllowAutoRedirect = false,
        })
        { BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{port}")), Timeout = TimeSpan.FromSeconds(30) };

    private static void Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} failed: {err}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
