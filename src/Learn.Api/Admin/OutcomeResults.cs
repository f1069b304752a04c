using Learn.Core.Organizers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Learn.Api.Admin;

internal static class OutcomeResults
{
    /// <summary>200 with the value, or the refusal as problem details (404 for anything out of scope).</summary>
    public static Results<Ok<T>, ProblemHttpResult> ToResult<T>(this Outcome<T> outcome) =>
        outcome.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(outcome.Value!);
}
