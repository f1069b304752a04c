using System.Text.Json.Nodes;
using Learn.Core.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Learn.Api.OpenApi;

/// <summary>Document-wide parts: info, the bearer scheme, tag descriptions, and a stable order with no host or port in it.</summary>
internal static class ContractDocument
{
    public const string BearerScheme = "bearer";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Member login"] = "登录与绑定：wx.login 换取令牌、刷新、退出、绑定党员身份",
        ["Me"] = "我的：党员卡片，或未绑定时的绑定指引",
        ["Contests"] = "竞答：限时答题、挑战答题、直播竞答、榜单、纠错",
        ["Study"] = "学习：每日文章、阅读、学习积分与学习榜",
        ["Notifications"] = "订阅消息：记录用户在 wx.requestSubscribeMessage 中的选择",
    };

    public static async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Learn 小程序接口",
            Version = "v1",
            Description = """
                党建学习答题平台小程序端接口契约（由 Learn.Api 生成，请勿手改）。

                - 认证：除登录与刷新外，请求头带 `Authorization: Bearer <accessToken>`。accessToken 过期返回 401，
                  用 refreshToken 调用 `/api/auth/refresh` 换新（refreshToken 每次刷新都会轮换，旧的立即作废）。
                - 错误：一律为 RFC 7807 problem details（`application/problem+json`），按 `type` 分支处理，
                  `title` 是可直接展示的中文提示。全部 `type` 见 LearnProblem 的 `type` 枚举。
                - 时间为 UTC（ISO 8601），日期按北京时间。
                """,
        };
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "POST /api/auth/wx-login 返回的 accessToken（有效期见 expiresIn 秒）。",
            },
        };
        // Every operation may answer with a problem (401 at least), so the schema is always there.
        var problem = await context.GetOrCreateSchemaAsync(typeof(LearnProblem), null, ct);
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[nameof(LearnProblem)] = problem;
        AddDeclaredTypes(document, problem);
        if (document.Components.Schemas is { } schemas)
            document.Components.Schemas = schemas.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Value);

        if (document.Tags is { } tags)
            document.Tags = new HashSet<OpenApiTag>(tags.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t =>
            {
                t.Description ??= TagDescriptions.GetValueOrDefault(t.Name ?? "");
                return t;
            }));
    }

    /// <summary>Types an endpoint declares but no *Problems class holds (e.g. a handler's own constant) join the enum.</summary>
    private static void AddDeclaredTypes(OpenApiDocument document, IOpenApiSchema problem)
    {
        if (problem.Properties is null || !problem.Properties.TryGetValue("type", out var t) || t is not OpenApiSchema { Enum: not null } type) return;
        var declared = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Responses?.Values.AsEnumerable() ?? [])
            .SelectMany(r => r.Extensions is { } e && e.TryGetValue("x-problem-types", out var x) && x is JsonNodeExtension { Node: JsonArray a }
                ? a.Select(n => (string)n!) : []);
        type.Enum = type.Enum.Select(n => (string)n!).Union(declared).Distinct().Order(StringComparer.Ordinal)
            .Select(v => (JsonNode)JsonValue.Create(v)!).ToList();
    }
}
