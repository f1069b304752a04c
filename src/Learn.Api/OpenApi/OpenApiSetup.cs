using Microsoft.AspNetCore.OpenApi;

namespace Learn.Api.OpenApi;

/// <summary>
/// The member-facing contract (<c>/openapi/v1.json</c>) the Mini Program team builds against; committed as
/// miniprogram-contract/openapi.json and checked for drift by a test (docs/decisions/0700-miniprogram-contract.md).
/// The organiser API, WeChat pushes, health and bench endpoints are not part of it.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddLearnOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = d => IsMemberFacing(d.RelativePath);
            o.AddSchemaTransformer(ContractSchemas.TransformAsync);
            o.AddOperationTransformer(ContractOperations.TransformAsync);
            o.AddDocumentTransformer(ContractDocument.TransformAsync);
        });

    /// <summary>Serves the document at <c>/openapi/v1.json</c> (anonymous: it holds nothing secret).</summary>
    public static IEndpointConventionBuilder MapLearnOpenApi(this WebApplication app) => app.MapOpenApi().AllowAnonymous();

    internal static bool IsMemberFacing(string? relativePath) =>
        relativePath is { } p && p.StartsWith("api/", StringComparison.Ordinal) && !p.StartsWith("api/admin", StringComparison.Ordinal);
}
