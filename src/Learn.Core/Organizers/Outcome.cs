using Learn.Core.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Learn.Core.Organizers;

/// <summary>
/// Why a roster or tree operation was refused, in the terms of a problem-details answer. Core
/// services return it instead of throwing, so the API and the admin site show the same message.
/// </summary>
public sealed record Refusal(int Status, string Type, string Title, IDictionary<string, string[]>? Errors = null)
{
    /// <summary>Missing and out-of-scope look the same, so ids cannot be probed.</summary>
    public static Refusal NotFound(string title = "请求的内容不存在") =>
        new(StatusCodes.Status404NotFound, ProblemTypes.NotFound, title);

    public static Refusal Invalid(string field, string message) =>
        new(StatusCodes.Status400BadRequest, ProblemTypes.Validation, "提交的内容有误",
            new Dictionary<string, string[]> { [field] = [message] });

    public static Refusal Conflict(string type, string title) => new(StatusCodes.Status409Conflict, type, title);

    public static Refusal Forbidden(string title) => new(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, title);

    public ProblemHttpResult ToProblem() => Errors is null
        ? Problems.Problems.Of(Status, Type, Title)
        : Problems.Problems.Of(Status, Type, Title, null, new Dictionary<string, object?> { ["errors"] = Errors });
}

/// <summary>A value, or the <see cref="Refusal"/> that stopped it.</summary>
public readonly record struct Outcome<T>(T? Value, Refusal? Refusal)
{
    public bool Succeeded => Refusal is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(Refusal refusal) => new(default, refusal);
}

/// <summary>Problem types of the roster and organiser features; never renamed.</summary>
public static class MemberProblemTypes
{
    public const string MobileTaken = "urn:learn:problem:mobile-taken";
    public const string TreeCycle = "urn:learn:problem:organization-cycle";
    public const string MemberLeft = "urn:learn:problem:member-left";
    public const string SignInFailed = "urn:learn:problem:sign-in-failed";
    public const string AccountLocked = "urn:learn:problem:account-locked";
    public const string ImportRejected = "urn:learn:problem:import-rejected";
    public const string InvitationInvalid = "urn:learn:problem:invitation-invalid";
    public const string NoRosterMatch = "urn:learn:problem:no-roster-match";
    public const string MemberAlreadyBound = "urn:learn:problem:member-already-bound";
    public const string AlreadyBound = "urn:learn:problem:identity-already-bound";
    public const string WeChatLoginFailed = "urn:learn:problem:wechat-login-failed";
    public const string RefreshInvalid = "urn:learn:problem:refresh-invalid";
    public const string LinkCodeInvalid = "urn:learn:problem:link-code-invalid";
    public const string OfficialAccountAlreadyLinked = "urn:learn:problem:official-account-already-linked";
    public const string OAuthStateInvalid = "urn:learn:problem:oauth-state-invalid";
    public const string OAuthCodeInvalid = "urn:learn:problem:oauth-code-invalid";
}
