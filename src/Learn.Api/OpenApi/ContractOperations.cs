using System.Text.Json;
using System.Text.Json.Nodes;
using Learn.Core.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Learn.Api.OpenApi;

/// <summary>
/// Per operation: the bearer requirement (with its 401/403 answers), the problem <c>type</c> values each
/// error status may carry (from <see cref="ProblemResponseMetadata"/>), and the examples of <see cref="ContractExamples"/>.
/// </summary>
internal static partial class ContractOperations
{
    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var problems = metadata.OfType<ProblemResponseMetadata>().ToList();
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
        if (policies.Count > 0 && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ContractDocument.BearerScheme, context.Document)] = [] }];
            problems.Add(new ProblemResponseMetadata(401, [ProblemContract.DefaultType(401)]));
            if (policies.Contains(MemberClaims.MemberPolicy)) problems.Add(new ProblemResponseMetadata(403, [ProblemContract.DefaultType(403)]));
        }
        operation.Responses ??= [];
        foreach (var group in problems.GroupBy(p => p.Status).OrderBy(g => g.Key))
            DescribeProblem(operation, context, group.Key, group.SelectMany(p => p.Types).Distinct().Order(StringComparer.Ordinal).ToList());

        // "api/contests/{id:long}/" → "/api/contests/{id}": the path as the document shows it.
        var path = RouteConstraint().Replace(context.Description.RelativePath?.TrimEnd('/') ?? "", "{$1}");
        var key = $"{context.Description.HttpMethod} /{path}";
        var ordered = operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (code, response) in ordered) operation.Responses[code] = response;
        if (ContractExamples.For(key) is { } example) AddExamples(operation, example);
        return Task.CompletedTask;
    }

    private static void DescribeProblem(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, List<string> types)
    {
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = operation.Responses!.TryGetValue(code, out var existing) && existing is OpenApiResponse r ? r : new OpenApiResponse();
        response.Description = status switch
        {
            401 => "未登录或 accessToken 已过期：先用 refreshToken 刷新，再重试一次",
            403 when types.SequenceEqual([ProblemContract.DefaultType(403)]) => "尚未绑定党员身份（先调用 /api/auth/bind）",
            _ => $"错误（problem details），type 可能为：{string.Join("、", types)}",
        };
        response.Content = new Dictionary<string, OpenApiMediaType>
        {
            [ProblemContract.ContentType] = new() { Schema = new OpenApiSchemaReference(nameof(Learn.Core.Hosting.LearnProblem), context.Document) },
        };
        response.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        response.Extensions["x-problem-types"] = new JsonNodeExtension(new JsonArray(types.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()));
        operation.Responses![code] = response;
    }

    private static void AddExamples(OpenApiOperation operation, ContractExamples.Example example)
    {
        if (example.Request is not null && operation.RequestBody?.Content is { } body)
            foreach (var media in body.Values) media.Example = ToNode(example.Request);
        if (example.Response is not null && operation.Responses is { } responses)
        {
            var success = responses.Where(r => r.Key.StartsWith('2')).Select(r => r.Value).FirstOrDefault();
            if (success?.Content is { } content)
                foreach (var media in content.Values) media.Example = ToNode(example.Response);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial System.Text.RegularExpressions.Regex RouteConstraint();

    private static JsonNode? ToNode(object value) => JsonSerializer.SerializeToNode(value, value.GetType(), JsonSerializerOptions.Web);
}
