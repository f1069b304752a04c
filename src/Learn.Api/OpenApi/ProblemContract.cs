using System.Reflection;
using Learn.Core.Hosting;
using Learn.Core.Problems;

namespace Learn.Api.OpenApi;

/// <summary>Endpoint metadata: a problem response and the <c>type</c> values it may carry (for the contract document).</summary>
public sealed record ProblemResponseMetadata(int Status, IReadOnlyList<string> Types);

public static class ProblemContract
{
    /// <summary>
    /// Declares a problem-details response (<c>application/problem+json</c>, schema LearnProblem) and the
    /// stable <c>type</c> values a client may branch on. Call once per status code.
    /// </summary>
    public static RouteHandlerBuilder ProducesLearnProblem(this RouteHandlerBuilder builder, int status, params string[] types)
    {
        builder.WithMetadata(new ProblemResponseMetadata(status, types.Length > 0 ? types : [DefaultType(status)]));
        return builder.Produces<LearnProblem>(status, ContentType);
    }

    /// <summary>The type the shared problem-details setup gives a bare status code.</summary>
    public static string DefaultType(int status) => status switch
    {
        400 => ProblemTypes.BadRequest,
        401 => ProblemTypes.Unauthorized,
        403 => ProblemTypes.Forbidden,
        404 => ProblemTypes.NotFound,
        409 => ProblemTypes.Conflict,
        413 => ProblemTypes.PayloadTooLarge,
        429 => ProblemTypes.TooManyRequests,
        503 => ProblemTypes.Unavailable,
        _ => ProblemTypes.Internal,
    };

    /// <summary>
    /// Every public problem type of the product, read from the classes that hold them (ProblemTypes and
    /// each feature's *Problems / *ProblemTypes class), so a feature's new type shows up in the contract
    /// without an edit here. Sorted for a stable document.
    /// </summary>
    public static IReadOnlyList<string> AllTypes() => KnownTypes.Value;

    private static readonly Lazy<IReadOnlyList<string>> KnownTypes = new(() =>
        new[] { typeof(ProblemTypes).Assembly, typeof(ProblemContract).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t is { IsAbstract: true, IsSealed: true } && (t.Name.EndsWith("Problems", StringComparison.Ordinal)
                || t.Name.EndsWith("ProblemTypes", StringComparison.Ordinal)))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(v => v.StartsWith("urn:learn:problem:", StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal).ToList());

    public const string ContentType = "application/problem+json";
}
