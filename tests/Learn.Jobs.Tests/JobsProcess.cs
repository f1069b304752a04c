using Learn.TestSupport;

namespace Learn.Jobs.Tests;

/// <summary>A real Learn.Jobs process (<see cref="HostProcess"/>), started the way production starts it.</summary>
public static class JobsProcess
{
    public static HostProcess Start(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        HostProcess.Start("Learn.Jobs", environment, null, args);

    public static int FreePort() => HostProcess.FreePort();
}
