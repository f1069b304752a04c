using System.Security.Claims;
using Learn.Core.Invitations;
using Learn.Core.Organizers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Learn.Admin.Api;

/// <summary>Invitation codes for binding, and organiser accounts (list, create, disable, re-enable, reset password; all within the caller's subtree).</summary>
public static class InvitationsAdminApi
{
    public static RouteGroupBuilder MapAdminInvitations(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/invitation-codes").WithTags("Organiser: invitation codes")
            .RequireAuthorization(OrganizerClaims.Policy);
        group.MapGet("/", List);
        group.MapPost("/", Issue);
        group.MapPost("/{id:long}/revoke", Revoke);
        return group;
    }

    public static RouteGroupBuilder MapAdminOrganizers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/organizers").WithTags("Organiser: accounts")
            .RequireAuthorization(OrganizerClaims.Policy);
        group.MapGet("/", ListOrganizers);
        group.MapPost("/", CreateOrganizer);
        group.MapPost("/{id:long}/disable", (long id, ClaimsPrincipal user, OrganizerAccountChanges changes, CancellationToken ct) =>
            Answer(changes.DisableAsync(user.ScopeOf(), id, ct)));
        group.MapPost("/{id:long}/enable", (long id, ClaimsPrincipal user, OrganizerAccountChanges changes, CancellationToken ct) =>
            Answer(changes.EnableAsync(user.ScopeOf(), id, ct)));
        group.MapPost("/{id:long}/reset-password", (long id, PasswordInput body, ClaimsPrincipal user, OrganizerAccountChanges changes, CancellationToken ct) =>
            Answer(changes.ResetPasswordAsync(user.ScopeOf(), id, body.Password, ct)));
        return group;
    }

    public sealed record PasswordInput(string? Password);

    private static async Task<Results<Ok<IReadOnlyList<OrganizerAccountRow>>, ProblemHttpResult>> ListOrganizers(ClaimsPrincipal user,
        OrganizerAccountChanges changes, CancellationToken ct)
    {
        var scope = user.ScopeOf();
        if (!scope.CanManageTree) return Refusal.Forbidden("支部书记不能管理组织者账号").ToProblem();
        return TypedResults.Ok(await changes.ListAsync(scope, ct));
    }

    private static async Task<Results<Ok<OrganizerAccountView>, ProblemHttpResult>> Answer(Task<Outcome<OrganizerAccountView>> change) =>
        (await change).ToResult();

    private static async Task<Ok<IReadOnlyList<InvitationView>>> List(ClaimsPrincipal user, InvitationCodes codes, CancellationToken ct) =>
        TypedResults.Ok(await codes.ListAsync(user.ScopeOf(), ct));

    private static async Task<Results<Ok<InvitationView>, ProblemHttpResult>> Issue(InvitationInput input, ClaimsPrincipal user, InvitationCodes codes, CancellationToken ct) =>
        (await codes.IssueAsync(user.ScopeOf(), input, ct)).ToResult();

    private static async Task<Results<Ok<InvitationView>, ProblemHttpResult>> Revoke(long id, ClaimsPrincipal user, InvitationCodes codes, CancellationToken ct) =>
        (await codes.RevokeAsync(user.ScopeOf(), id, ct)).ToResult();

    private static async Task<Results<Ok<OrganizerAccountView>, ProblemHttpResult>> CreateOrganizer(OrganizerAccountInput input, ClaimsPrincipal user, OrganizerAccounts accounts, CancellationToken ct) =>
        (await accounts.CreateAsync(user.ScopeOf(), input, ct)).ToResult();
}
