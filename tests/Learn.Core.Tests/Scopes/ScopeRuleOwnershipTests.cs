using System.Text.RegularExpressions;
using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Tests.Scopes;

/// <summary>
/// The subtree rule lives in <c>Learn.Core.Organizations.Subtree</c> (with <c>OrganizerScope.Filter</c> on top) and the
/// contest audience rule in <c>Learn.Core.Contests.ContestAudience</c> (ADR 0801). These tests read every source file
/// under src and fail on a path matched by hand anywhere else, and on a copied path column the move does not rewrite.
/// </summary>
public partial class ScopeRuleOwnershipTests
{
    private static readonly string[] RuleHomes = ["Learn.Core/Organizations/Subtree.cs", "Learn.Core/Contests/ContestAudience.cs"];

    // A prefix match on anything named …Path(s), on the usual scope variables, the "sees nothing" placeholder,
    // or the audience list tested outside its home.
    [GeneratedRegex(@"Paths?!?\.StartsWith\(|\.StartsWith\((scopePath|prefix|root|RootPath)\b|\\u0000|AudiencePathList\.Any\(|EF\.Functions\.(I?Like)\([^)]*Path")]
    private static partial Regex HandWrittenRule();

    [Fact]
    public void No_source_file_outside_the_rule_homes_matches_organisation_paths_by_hand()
    {
        var offenders = SourceFiles()
            .Where(f => !RuleHomes.Any(h => f.Relative.EndsWith(h, StringComparison.Ordinal)))
            .SelectMany(f => File.ReadLines(f.Full).Select((line, i) => (f.Relative, Line: i + 1, Text: line.Trim())))
            .Where(l => !l.Text.StartsWith("//", StringComparison.Ordinal) && !l.Text.StartsWith("///", StringComparison.Ordinal) && HandWrittenRule().IsMatch(l.Text))
            .Select(l => $"{l.Relative}:{l.Line}: {l.Text}").ToList();
        offenders.ShouldBeEmpty("用 OrganizerScope.Filter / Subtree.Within / ContestAudience，而不是手写路径前缀匹配：\n" + string.Join('\n', offenders));
    }

    [Theory]
    [InlineData("c => c.OrganizationPath.StartsWith(prefix)")]
    [InlineData("m => m.Organization!.Path.StartsWith(path)")]
    [InlineData("e.ScopePath.StartsWith(x)")]
    [InlineData("var root = scope.RootPath ?? \"\\u0000\";")]
    [InlineData("contest.AudiencePathList.Any(a => path.StartsWith(a))")]
    [InlineData("EF.Functions.Like(a.AudiencePath, p + \"%\")")]
    public void The_scan_recognises_the_hand_written_forms_it_replaced(string line) =>
        HandWrittenRule().IsMatch(line).ShouldBeTrue();

    [Fact]
    public void The_rule_homes_exist_and_hold_the_rule() =>
        RuleHomes.ShouldAllBe(h => SourceFiles().Any(f => f.Relative.EndsWith(h, StringComparison.Ordinal)
            && HandWrittenRule().IsMatch(File.ReadAllText(f.Full))));

    /// <summary>Every string column named …Path(s) except the tree's own and the audit history is a copy the move must rewrite.</summary>
    [Fact]
    public void Every_copied_path_column_is_rewritten_by_an_organisation_move()
    {
        using var db = new LearnDbContext(new DbContextOptionsBuilder<LearnDbContext>().UseNpgsql("Host=unused").Options);
        var copies = db.Model.GetEntityTypes()
            .SelectMany(t => t.GetProperties().Where(p => p.ClrType == typeof(string) && (p.Name.EndsWith("Path", StringComparison.Ordinal) || p.Name.EndsWith("Paths", StringComparison.Ordinal)))
                .Select(p => (Entity: t.ClrType.Name, Property: p.Name)))
            .Where(c => c is not ("Organization", "Path") and not ("AuditEntry", "OrganizationPath"))
            .ToList();
        copies.ShouldNotBeEmpty();
        var rewrite = File.ReadAllText(SourceFiles().Single(f => f.Relative.EndsWith("Learn.Core/Organizations/PathCopies.cs", StringComparison.Ordinal)).Full);
        var missing = copies.Where(c => !Regex.IsMatch(rewrite, $@"Set<{c.Entity}>\(\)[^;]*SetProperty\(\w+ => \w+\.{c.Property},")).ToList();
        missing.ShouldBeEmpty("PathCopies.RebaseAsync 没有改写这些路径副本：" + string.Join(", ", missing));
    }

    private static IEnumerable<(string Full, string Relative)> SourceFiles()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Select(f => (Full: f, Relative: Path.GetRelativePath(src, f).Replace('\\', '/')))
            .Where(f => !f.Relative.Contains("/bin/", StringComparison.Ordinal) && !f.Relative.Contains("/obj/", StringComparison.Ordinal)
                && !f.Relative.Contains("/Migrations/", StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Learn.sln"))) return dir.FullName;
        throw new InvalidOperationException("Learn.sln not found above " + AppContext.BaseDirectory);
    }
}
