using System.Globalization;
using System.Text;
using Learn.Admin.Tests.Support;
using Learn.Core.Auditing;
using Learn.Core.Contests;
using Learn.Core.Questions;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Admin.Tests.Contests;

internal static class ContestBank
{
    /// <summary>A small single-choice bank through the real importer (contests draw from it).</summary>
    public static async Task ImportAsync(AdminFactory site)
    {
        var csv = new StringBuilder("题型,题干,选项A,选项B,选项C,选项D,选项E,选项F,答案,分类,难度,解析\n");
        for (var i = 0; i < 6; i++)
            csv.Append(CultureInfo.InvariantCulture, $"单选,党史测试题{Guid.NewGuid():N}（  ）,甲,乙,丙,丁,,,{"BCD"[i % 3]},党史,{"易中难"[i % 3]},解析{i}\n");
        await using var scope = site.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<QuestionImporter>()
            .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), QuestionFileFormat.Csv, dryRun: false, AuditActor.System);
        report.Committed.ShouldBeTrue();
        scope.ServiceProvider.GetRequiredService<ContestCaches>().ForgetPool();
    }
}
