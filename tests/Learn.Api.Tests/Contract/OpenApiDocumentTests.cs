using System.Text.Json;
using System.Text.Json.Nodes;
using Learn.Api.OpenApi;
using Learn.Core.Contests;
using Learn.Core.Organizers;
using Learn.Core.Problems;

namespace Learn.Api.Tests.Contract;

/// <summary>
/// miniprogram-contract/openapi.json is what the Mini Program team builds against: it must be exactly what
/// the running app serves. Regenerate with <c>scripts/contract-update.sh</c> (or LEARN_CONTRACT_WRITE=1).
/// </summary>
public class OpenApiDocumentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Regenerate = "scripts/contract-update.sh（或 LEARN_CONTRACT_WRITE=1 dotnet test tests/Learn.Api.Tests --filter OpenApiDocumentTests）";

    private async Task<string> ServedAsync()
    {
        var text = await factory.CreateClient().GetStringAsync("/openapi/v1.json");
        // One canonical form (indented, LF, trailing newline) so the committed file diffs well.
        var node = JsonNode.Parse(text)!;
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    [Fact]
    public async Task Committed_openapi_json_matches_what_the_app_serves()
    {
        var served = await ServedAsync();
        var path = ContractFiles.OpenApiJson;
        if (Environment.GetEnvironmentVariable("LEARN_CONTRACT_WRITE") == "1")
        {
            await File.WriteAllTextAsync(path, served);
            return;
        }
        File.Exists(path).ShouldBeTrue($"缺少 {path}；运行 {Regenerate} 生成。");
        var committed = (await File.ReadAllTextAsync(path)).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (committed != served)
        {
            var (line, mine, theirs) = FirstDifference(committed, served);
            Assert.Fail($"miniprogram-contract/openapi.json 与 Learn.Api 实际提供的文档不一致（第 {line} 行）：\n  已提交: {mine}\n  实际:   {theirs}\n" +
                $"接口改了就重新生成并提交：{Regenerate}，然后在 miniprogram-contract 里运行 npm run generate。");
        }
    }

    [Fact]
    public async Task Document_is_the_same_on_every_request_and_names_no_host()
    {
        var first = await ServedAsync();
        (await ServedAsync()).ShouldBe(first);
        first.ShouldNotContain("localhost");
        first.ShouldNotContain("\"servers\"");
    }

    [Fact]
    public async Task Every_member_operation_has_a_summary_a_description_and_only_member_paths_are_listed()
    {
        var doc = JsonNode.Parse(await ServedAsync())!;
        var paths = doc["paths"]!.AsObject();
        paths.Select(p => p.Key).ShouldAllBe(p => p.StartsWith("/api/") && !p.StartsWith("/api/admin"));
        paths.ShouldContainKey("/api/auth/wx-login");
        paths.ShouldContainKey("/api/contests/{id}/attempts/{attemptId}/answers");
        foreach (var (path, item) in paths)
            foreach (var (method, op) in item!.AsObject())
            {
                var where = $"{method.ToUpperInvariant()} {path}";
                ((string?)op!["summary"]).ShouldNotBeNullOrWhiteSpace(where);
                ((string?)op["description"]).ShouldNotBeNullOrWhiteSpace(where);
                var ok = op["responses"]!.AsObject().FirstOrDefault(r => r.Key.StartsWith('2')).Value;
                if (ok?["content"]?["application/json"] is { } json) json["example"].ShouldNotBeNull($"{where} 缺少响应示例");
            }
        foreach (var key in ContractExamples.Keys)
        {
            var (method, path) = (key.Split(' ')[0].ToLowerInvariant(), key.Split(' ')[1]);
            paths[path]?[method].ShouldNotBeNull($"示例 {key} 对应的接口不存在");
        }
    }

    [Fact]
    public async Task Problem_schema_lists_every_problem_type_and_member_endpoints_require_the_bearer_scheme()
    {
        var doc = JsonNode.Parse(await ServedAsync())!;
        var types = doc["components"]!["schemas"]!["LearnProblem"]!["properties"]!["type"]!["enum"]!.AsArray().Select(t => (string)t!).ToList();
        types.ShouldContain(ProblemTypes.Validation);
        types.ShouldContain(ContestProblems.Closed);
        types.ShouldContain(MemberProblemTypes.RefreshInvalid);
        doc["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>().ShouldBe("bearer");

        var start = doc["paths"]!["/api/contests/{id}/attempts"]!["post"]!;
        start["security"]!.AsArray().Single()!.AsObject().ShouldContainKey("bearer");
        start["responses"]!["401"].ShouldNotBeNull();
        start["responses"]!["409"]!["x-problem-types"]!.AsArray().Select(t => (string)t!).ShouldContain(ContestProblems.AttemptLimit);
        doc["paths"]!["/api/auth/wx-login"]!["post"]!["security"].ShouldBeNull();
    }

    private static (int Line, string Committed, string Served) FirstDifference(string a, string b)
    {
        var x = a.Split('\n');
        var y = b.Split('\n');
        for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            var l = i < x.Length ? x[i] : "<文件结束>";
            var r = i < y.Length ? y[i] : "<文件结束>";
            if (l != r) return (i + 1, l.Trim(), r.Trim());
        }
        return (0, "", "");
    }
}

/// <summary>Where the contract folder is, found from the test's working directory upwards.</summary>
internal static class ContractFiles
{
    public static string OpenApiJson => Path.Combine(Root, "miniprogram-contract", "openapi.json");

    private static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Learn.sln"))) return dir.FullName;
            throw new InvalidOperationException("Learn.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
