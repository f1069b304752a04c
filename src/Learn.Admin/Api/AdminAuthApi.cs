using System.Security.Claims;
using Learn.Core.Organizers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Learn.Admin.Api;

/// <summary>Organiser sign-in for the organiser API: bearer tokens, see docs/decisions/0100-organizer-api-auth.md.</summary>
public static class AdminAuthApi
{
    public sealed record SignInRequest(string? UserName, string? Password);

    public sealed record SignInResponse(string AccessToken, DateTime ExpiresAt, OrganizerMe Organizer);

    public sealed record OrganizerMe(long Id, string DisplayName, OrganizerRole Role, long? OrganizationId);

    public static RouteGroupBuilder MapAdminAuth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/auth").WithTags("Organiser auth");
        group.MapPost("/sign-in", SignIn);
        group.MapPost("/sign-out", SignOut).RequireAuthorization(OrganizerClaims.Policy);
        group.MapGet("/me", GetMe).RequireAuthorization(OrganizerClaims.Policy);
        return group;
    }

    private static async Task<Results<Ok<SignInResponse>, ProblemHttpResult>> SignIn(SignInRequest request, OrganizerSignIn signIn, HttpContext context, CancellationToken ct)
    {
        var outcome = await signIn.SignInAsync(request.UserName, request.Password, context.Connection.RemoteIpAddress?.ToString(), ct);
        if (outcome.Refusal is { } refusal) return refusal.ToProblem();
        var result = outcome.Value!;
        return TypedResults.Ok(new SignInResponse(result.Token, result.ExpiresAt, Me(result.Scope)));
    }

    private static async Task<NoContent> SignOut(ClaimsPrincipal user, OrganizerSignIn signIn, CancellationToken ct)
    {
        await signIn.SignOutAsync(user.OrganizerSessionIdOf(), ct);
        return TypedResults.NoContent();
    }

    private static Ok<OrganizerMe> GetMe(ClaimsPrincipal user) => TypedResults.Ok(Me(user.ScopeOf()));

    private static OrganizerMe Me(OrganizerScope scope) => new(scope.AccountId, scope.DisplayName, scope.Role, scope.OrganizationId);
}
