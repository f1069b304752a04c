using Learn.Core.Jobs;

namespace Learn.Jobs.Scheduling;

/// <summary>
/// The embedded default's Hangfire storage is a SQLite file whose job fetch is atomic only inside one process: two
/// servers on one file could run the same job twice. This start-up check holds an exclusive OS lock on a file beside
/// it for the process's lifetime and refuses to start when another Learn.Jobs holds it. A killed process's lock goes
/// with it, so a restart after kill -9 is not refused (docs/decisions/0403).
/// </summary>
public sealed class SingleServerGuard(IConfiguration configuration, ILogger<SingleServerGuard> logger) : IHostedService, IDisposable
{
    private FileStream? _lock;

    public static string LockFile(string learnConnectionString) => HangfireStorage.SqliteFile(learnConnectionString) + ".server-lock";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var path = LockFile(configuration.GetConnectionString("Learn") ?? "");
        try
        {
            _lock = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"Another Learn.Jobs already runs Hangfire on {HangfireStorage.SqliteFile(configuration.GetConnectionString("Learn") ?? "")}: "
                + "the SQLite storage allows one server only. Use PostgreSQL for several nodes.", ex);
        }
        logger.LogInformation("Hangfire SQLite storage: this process is its only server ({Lock})", path);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _lock?.Dispose();
}
