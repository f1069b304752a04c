using Learn.TestSupport;

namespace Learn.Api.Tests.Contests.Faults;

/// <summary>
/// Learn.Api on a redis-server and a PostgreSQL of its own, which the fault tests stop, restart and
/// flush under answer load (the shared test servers stay up for everyone else).
/// </summary>
public sealed class FaultApi : ApiFactory
{
    public OwnRedis Redis { get; } = new();
    public OwnPostgres Postgres { get; } = new();

    public override async Task InitializeAsync()
    {
        await Task.WhenAll(Redis.StartAsync(), Postgres.InitAsync());
        await base.InitializeAsync();
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["ConnectionStrings:Redis"] = Redis.ConnectionString;
        settings["ConnectionStrings:Learn"] = Postgres.ConnectionString;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
