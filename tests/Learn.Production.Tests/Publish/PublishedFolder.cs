using System.Diagnostics;
using Learn.TestSupport;

namespace Learn.Production.Tests.Publish;

/// <summary>
/// One run of <c>./learn.sh publish DIR</c> into a temp folder, shared by the publish tests (publishing takes a while).
/// When the tests themselves are a Release build (<c>./learn.sh test</c>), the hosts' Release build is already there
/// and is published as it is (<c>LEARN_PUBLISH_NO_BUILD</c>); otherwise the script builds Release itself.
/// </summary>
public sealed class PublishedFolder : IAsyncLifetime
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("learn-publish-").FullName;
    public string Output { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(HostProcess.RepositoryRoot, "learn.sh"), "publish", Dir])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = HostProcess.RepositoryRoot,
        };
        if (AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal)) info.Environment["LEARN_PUBLISH_NO_BUILD"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await process.WaitForExitAsync(cts.Token);
        Output = await stdout + await stderr;
        if (process.ExitCode != 0) throw new InvalidOperationException($"./learn.sh publish exited with {process.ExitCode}:\n{Output}");
    }

    public string PathOf(params string[] parts) => Path.Combine([Dir, .. parts]);

    /// <summary>KEY=VALUE lines of a file (comments and blank lines skipped), in order.</summary>
    public List<(string Key, string Value)> Assignments(string file, string prefix = "") => File.ReadAllLines(file)
        .Select(l => l.Trim()).Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && !l.StartsWith('#'))
        .Select(l => l[prefix.Length..]).Where(l => l.Contains('=', StringComparison.Ordinal))
        .Select(l => (l[..l.IndexOf('=', StringComparison.Ordinal)], l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..])).ToList();

    public Task DisposeAsync()
    {
        Directory.Delete(Dir, recursive: true);
        return Task.CompletedTask;
    }
}
