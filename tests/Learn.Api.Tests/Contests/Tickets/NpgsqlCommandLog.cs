using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace Learn.Api.Tests.Contests.Tickets;

/// <summary>
/// The SQL text of every command Npgsql sends to one test database, as Npgsql itself traces it (its
/// "Npgsql" ActivitySource). The listener is process-wide; other test classes run on other databases,
/// so filtering by database name keeps only this class's commands. Whatever path issues a command
/// (EF, ADO.NET, a batch) shows up here.
/// </summary>
internal sealed class NpgsqlCommandLog : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<string> _texts = new();

    public NpgsqlCommandLog(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                // Commands only: opening a physical connection is traced too, without a query text.
                if (a.GetTagItem("db.namespace") as string == database && a.GetTagItem("db.query.text") is string text) _texts.Enqueue(text);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The commands sent since the last call.</summary>
    public List<string> Take()
    {
        var taken = new List<string>();
        while (_texts.TryDequeue(out var text)) taken.Add(text);
        return taken;
    }

    public void Dispose() => _listener.Dispose();
}
