using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Learn.Core.Organizers;

/// <summary>An <see cref="Outcome{T}"/> as an HTTP answer, for the member API and the organiser API alike.</summary>
public static class OutcomeResults
{
    /// <summary>200 with the value, or the refusal as problem details (404 for anything out of scope).</summary>
    public static Results<Ok<T>, ProblemHttpResult> ToResult<T>(this Outcome<T> outcome) =>
        outcome.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(outcome.Value!);
}
