using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Learn.Admin.Api;

/// <summary>
/// The organiser API's own OpenAPI document, served at <c>/api/admin/openapi.json</c> by this host only.
/// It is separate from the Mini Program contract (miniprogram-contract/openapi.json, member operations only),
/// so the contract the Mini Program team sees never names an organiser operation.
/// </summary>
public static class AdminOpenApi
{
    public const string Path = AdminRegistration.PathPrefix + "/openapi.json";

    // MapOpenApi serves the "v1" document when its pattern has no {documentName}.
    private const string DocumentName = "v1";

    public static IServiceCollection AddAdminOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = d => d.RelativePath is { } p && p.StartsWith("api/admin/", StringComparison.Ordinal);
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Learn 组织管理接口",
                    Version = "v1",
                    Description = """
                        组织者（支部书记、组织管理员、超级管理员）使用的接口，只在管理站点（Learn.Admin，内网）提供。
                        先 `POST /api/admin/auth/sign-in` 取得 accessToken，之后请求头带 `Authorization: Bearer <accessToken>`。
                        错误一律为 RFC 7807 problem details；超出本人管辖范围的内容一律按不存在（404）处理。
                        """,
                };
                document.Servers = [];
                return Task.CompletedTask;
            });
        });

    /// <summary>Anonymous, like the member contract: it lists operations, never data.</summary>
    public static IEndpointConventionBuilder MapAdminOpenApi(this WebApplication app) =>
        app.MapOpenApi(Path).AllowAnonymous();
}
