using System.Text.Json.Nodes;
using Learn.Core.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Learn.Api.OpenApi;

/// <summary>Schema fixes for a contract a TypeScript client can use as is.</summary>
internal static class ContractSchemas
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        // The web JSON defaults also read numbers from strings, so ids come out as "integer | string" with a
        // pattern. The contract promises numbers: clients send and receive JSON numbers.
        if (schema.Type is { } t && t.HasFlag(JsonSchemaType.String) && (t.HasFlag(JsonSchemaType.Integer) || t.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = t & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        if (schema.Type is { } n && (n.HasFlag(JsonSchemaType.Integer) || n.HasFlag(JsonSchemaType.Number))) schema.Pattern = null;
        if (context.JsonTypeInfo.Type == typeof(LearnProblem)) DescribeProblem(schema);
        return Task.CompletedTask;
    }

    private static void DescribeProblem(OpenApiSchema schema)
    {
        schema.Description = "错误响应（RFC 7807 problem details）。按 type 分支处理；title 为可展示的中文提示。";
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["type"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "稳定的错误类型，永不改名（新增的错误会新增 type）。",
            Enum = ProblemContract.AllTypes().Select(v => (JsonNode)JsonValue.Create(v)!).ToList(),
        };
        schema.Properties["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "中文提示，可直接展示给用户" };
        schema.Properties["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "HTTP 状态码" };
        schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "追踪编号，反馈问题时请附上" };
        schema.Properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "仅 type 为 validation 时出现：字段名 → 中文错误信息",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        };
        schema.Required = new HashSet<string>(["type", "title", "status"]);
    }
}
