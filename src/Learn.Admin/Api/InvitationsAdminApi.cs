using System.Security.Claims;
using Learn.Core.Invitations;
using Learn.Core.Organizers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Learn.Admin.Api;

/// <summary>Invitation codes for binding, and organiser accounts.</summary>
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
        group.MapPost("/", CreateOrganizer);
        return group;
    }

    private static async Task<Ok<IReadOnlyList<InvitationView>>> List(ClaimsPrincipal user, InvitationCodes codes, CancellationToken ct) =>
        TypedResults.Ok(await codes.ListAsync(user.ScopeOf(), ct));

    private static async Task<Results<Ok<InvitationView>, ProblemHttpResult>> Issue(InvitationInput input, ClaimsPrincipal user, InvitationCodes codes, CancellationToken ct) =>
        (await codes.IssueAsync(user.ScopeOf(), input, ct)).ToResult();

    private static async Task<Results<Ok<InvitationView>, ProblemHttpResult>> Revoke(long id, ClaimsPrincipal user, InvitationCodes codes, CancellationToken ct) =>
        (await codes.RevokeAsync(user.ScopeOf(), id, ct)).ToResult();

    private static async Task<Results<Ok<OrganizerAccountView>, ProblemHttpResult>> CreateOrganizer(OrganizerAccountInput input, ClaimsPrincipal user, OrganizerAccounts accounts, CancellationToken ct) =>
        (await accounts.CreateAsync(user.ScopeOf(), input, ct)).ToResult();
}
