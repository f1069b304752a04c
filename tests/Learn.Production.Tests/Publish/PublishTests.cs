using Learn.TestSupport;

namespace Learn.Production.Tests.Publish;

/// <summary>
/// <c>./learn.sh publish DIR</c> end to end: the folder has the three hosts, a systemd unit each, the nginx site and the
/// environment template; each published host starts from the folder the way its unit starts it, configured by the
/// template alone (the CHANGE_ME values filled in for the test PostgreSQL, Redis and fake WeChat), and gets ready — so
/// the template names every setting a host refuses to start without.
/// </summary>
public sealed class PublishTests(PublishedFolder folder) : IClassFixture<PublishedFolder>, IAsyncLifetime
{
    private static readonly (string Host, string Unit, int Port)[] Hosts =
        [("Learn.Api", "learn-api", 5080), ("Learn.Admin", "learn-admin", 5081), ("Learn.Jobs", "learn-jobs", 5082)];

    private readonly Deployment _deployment = new();

    public Task InitializeAsync() => _deployment.InitializeAsync();
    public Task DisposeAsync() => _deployment.DisposeAsync();

    [Fact]
    public void The_folder_has_the_three_hosts_a_unit_each_the_nginx_site_and_the_environment_template()
    {
        foreach (var (host, unit, port) in Hosts)
        {
            File.Exists(folder.PathOf(host, host + ".dll")).ShouldBeTrue(folder.Output);
            File.Exists(folder.PathOf(host, "appsettings.json")).ShouldBeTrue();
            var service = File.ReadAllText(folder.PathOf("systemd", unit + ".service"));
            service.ShouldContain($"ExecStart=/usr/bin/dotnet /opt/learn/{host}/{host}.dll");
            service.ShouldContain($"WorkingDirectory=/opt/learn/{host}");
            service.ShouldContain("EnvironmentFile=/etc/learn/learn.env");
            service.ShouldContain($"Environment=Urls=http://127.0.0.1:{port}");
            service.ShouldContain($"Environment=Management__Urls=http://127.0.0.1:{port + 100}");
            service.ShouldContain("KillSignal=SIGTERM");
        }
        // The site BehindNginxTests runs in front of the hosts is the one published.
        File.ReadAllText(folder.PathOf("nginx", "learn.conf")).ShouldBe(File.ReadAllText(Path.Combine(HostProcess.RepositoryRoot, "deploy", "nginx", "learn.conf")));
        folder.Assignments(folder.PathOf("learn.env.template")).Select(a => a.Key).ShouldContain("ConnectionStrings__Learn");
    }

    [Fact]
    public void The_published_learn_api_blocks_idle_thread_pool_workers_instead_of_spinning()
    {
        // ADR 0313: the runtime reads this from the runtimeconfig the host starts with; spinning is its default (70).
        using var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(folder.PathOf("Learn.Api", "Learn.Api.runtimeconfig.json")));
        config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties")
            .GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32().ShouldBe(0);
        File.ReadAllText(folder.PathOf("systemd", "learn-api.service")).ShouldNotContain("UnfairSemaphoreSpinLimit");
    }

    [Theory]
    [InlineData("Learn.Api")]
    [InlineData("Learn.Admin")]
    [InlineData("Learn.Jobs")]
    public async Task A_published_host_starts_from_the_folder_on_the_environment_template_and_gets_ready(string host)
    {
        var (port, management) = (HostProcess.FreePort(), HostProcess.FreePort());
        var env = FromTemplate();
        var unit = Hosts.Single(h => h.Host == host);
        foreach (var (key, value) in folder.Assignments(folder.PathOf("systemd", unit.Unit + ".service"), "Environment="))
            env[key] = value.Replace($":{unit.Port}", $":{port}", StringComparison.Ordinal).Replace($":{unit.Port + 100}", $":{management}", StringComparison.Ordinal);
        env["WeChat__ApiBaseUrl"] = _deployment.WeChat.BaseUrl; // the only addition: WeChat itself is the fake here

        await using var process = HostProcess.Start(folder.PathOf(host, host + ".dll"), env, null);
        await process.WaitReadyAsync(port, TimeSpan.FromSeconds(120));
        env["ASPNETCORE_ENVIRONMENT"].ShouldBe("Production");
        process.SendTerm();
        (await process.WaitForExitAsync(TimeSpan.FromSeconds(45))).ShouldBe(0, process.Output);
    }

    /// <summary>Every key of the template with the operator's values: the test's where it has one, made up for the other CHANGE_MEs.</summary>
    private Dictionary<string, string?> FromTemplate()
    {
        var test = _deployment.HostEnvironment(0, 0);
        var env = new Dictionary<string, string?>();
        foreach (var (key, value) in folder.Assignments(folder.PathOf("learn.env.template")))
        {
            if (!value.Contains("CHANGE_ME", StringComparison.Ordinal)) env[key] = value;
            else if (test.TryGetValue(key.Replace("__", ":", StringComparison.Ordinal), out var mine) && mine is not null) env[key] = mine;
            else if (key.EndsWith("EncodingAESKey", StringComparison.Ordinal)) env[key] = (Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"))[..43];
            else env[key] = "test" + Guid.NewGuid().ToString("N")[..16];
        }
        env["Redis__KeyPrefix"] = _deployment.RedisKeyPrefix;
        return env;
    }
}
