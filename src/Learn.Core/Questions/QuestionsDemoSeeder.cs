using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Learn.Core.Questions;

/// <summary>Demo question bank: Demo/data/questions.csv imported through the real importer (all-or-nothing).</summary>
internal sealed class QuestionsDemoSeeder(ILogger<QuestionsDemoSeeder> log) : IDemoSeeder
{
    public const string ResourceSuffix = ".Demo.data.questions.csv";

    public int Order => 400;

    public async Task SeedAsync(LearnDbContext db, IServiceProvider services, CancellationToken ct)
    {
        var assembly = typeof(QuestionsDemoSeeder).Assembly;
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal));
        if (name is null)
        {
            log.LogWarning("No demo question file ({Suffix}) embedded; the demo bank stays empty.", ResourceSuffix);
            return;
        }
        await using var file = assembly.GetManifestResourceStream(name)!;
        var importer = services.GetRequiredService<QuestionImporter>();
        var report = await importer.ImportAsync(file, QuestionFileFormat.Csv, dryRun: false, AuditActor.System, ct);
        if (!report.Committed)
            throw new InvalidOperationException("Demo questions.csv has errors: " +
                string.Join("; ", report.Errors.Take(10).Select(e => $"第{e.Row}行 {e.Column}：{e.Message}")));
        log.LogInformation("Imported {Count} demo questions", report.Rows);
    }
}
