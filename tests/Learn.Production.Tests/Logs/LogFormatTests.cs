using System.Text.Json;
using System.Text.RegularExpressions;
using Learn.TestSupport;

namespace Learn.Production.Tests.Logs;

/// <summary>
/// What journald and a log shipper read: in Production every host writes one JSON object a line on its output (parsed
/// here line by line from a real process); the embedded demo (Development, what <c>./learn.sh run</c> sets) keeps
/// readable single-line console output.
/// </summary>
public sealed partial class LogFormatTests : IAsyncLifetime
{
    private readonly Deployment _deployment = new();

    public Task InitializeAsync() => _deployment.InitializeAsync();
    public Task DisposeAsync() => _deployment.DisposeAsync();

    [Theory]
    [InlineData("Learn.Api")]
    [InlineData("Learn.Admin")]
    [InlineData("Learn.Jobs")]
    public async Task In_production_every_output_line_is_one_JSON_object(string host)
    {
        var (port, management) = (HostProcess.FreePort(), HostProcess.FreePort());
        await using var process = HostProcess.Start(host, _deployment.HostEnvironment(port, management), null);
        await process.WaitReadyAsync(port, TimeSpan.FromSeconds(120));
        process.SendTerm(); // the shutdown lines too, and everything flushed
        (await process.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBe(0, process.Output);
        await Task.Delay(200); // the last lines reach the reader

        var entries = process.Lines.Select(line =>
        {
            using var json = ParseOrNull(line);
            json.ShouldNotBeNull($"not a JSON object: {line}");
            var root = json.RootElement;
            root.ValueKind.ShouldBe(JsonValueKind.Object, line);
            foreach (var field in new[] { "Timestamp", "EventId", "LogLevel", "Category", "Message" })
                root.TryGetProperty(field, out _).ShouldBeTrue($"{field} missing: {line}");
            return (Category: root.GetProperty("Category").GetString(), Message: root.GetProperty("Message").GetString());
        }).ToList();
        entries.ShouldContain(e => e.Category == "Microsoft.Hosting.Lifetime" && e.Message == $"Now listening on: http://127.0.0.1:{port}");
        entries.ShouldContain(e => e.Category == "Microsoft.Hosting.Lifetime" && e.Message == "Application is shutting down...");
    }

    [Fact]
    public async Task The_embedded_demo_keeps_readable_console_lines()
    {
        var (port, management) = (HostProcess.FreePort(), HostProcess.FreePort());
        var env = _deployment.HostEnvironment(port, management);
        env["ASPNETCORE_ENVIRONMENT"] = "Development";
        await using var process = HostProcess.Start("Learn.Api", env, null);
        var until = DateTime.UtcNow.AddSeconds(120);
        while (!process.Lines.Any(l => l.Contains("Now listening on", StringComparison.Ordinal)))
        {
            if (process.HasExited || DateTime.UtcNow > until) throw new InvalidOperationException("no listening line:\n" + process.Output);
            await Task.Delay(200); // polling the output
        }

        process.Lines.ShouldContain(l => Readable().IsMatch(l) && l.EndsWith($"Now listening on: http://127.0.0.1:{port}", StringComparison.Ordinal), process.Output);
        process.Lines.ShouldNotContain(l => l.TrimStart().StartsWith('{'), process.Output);
    }

    private static JsonDocument? ParseOrNull(string line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // "08:15:02 info: Microsoft.Hosting.Lifetime[14] Now listening on: …" (UTC time, single line).
    [GeneratedRegex(@"^\d\d:\d\d:\d\d info: Microsoft\.Hosting\.Lifetime\[\d+\] ")]
    private static partial Regex Readable();
}
