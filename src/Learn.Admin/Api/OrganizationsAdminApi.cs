using System.Security.Claims;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Learn.Admin.Api;

/// <summary>The organisation tree for organisers: scope and rules live in <see cref="OrganizationTree"/>.</summary>
public static class OrganizationsAdminApi
{
    public sealed record RenameRequest(string Name);

    public sealed record MoveRequest(long NewParentId);

    public sealed record TermRequest(DateOnly? TermStart, DateOnly? TermEnd);

    public static RouteGroupBuilder MapAdminOrganizations(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/organizations").WithTags("Organiser: organisations")
            .RequireAuthorization(OrganizerClaims.Policy);
        group.MapGet("/", List);
        group.MapGet("/terms-ending", TermsEnding);
        group.MapGet("/terms-overdue", TermsOverdue); // 超期未换届: the term ended before today and was not renewed
        group.MapGet("/{id:long}", Get);
        group.MapPost("/", Create);
        group.MapPut("/{id:long}/name", Rename);
        group.MapPost("/{id:long}/move", Move);
        group.MapPut("/{id:long}/term", SetTerm);
        return group;
    }

    private static async Task<Ok<IReadOnlyList<OrganizationView>>> List(ClaimsPrincipal user, OrganizationTree tree, CancellationToken ct) =>
        TypedResults.Ok(await tree.ListAsync(user.ScopeOf(), ct));

    private static async Task<Results<Ok<IReadOnlyList<OrganizationView>>, ProblemHttpResult>> TermsEnding(
        ClaimsPrincipal user, OrganizationTree tree, CancellationToken ct, int days = 90)
    {
        if (days is < 0 or > 3660) return Core.Organizers.Refusal.Invalid("days", "天数应在0到3660之间").ToProblem();
        return TypedResults.Ok(await tree.TermsEndingWithinAsync(user.ScopeOf(), days, ct));
    }

    private static async Task<Ok<IReadOnlyList<OrganizationView>>> TermsOverdue(ClaimsPrincipal user, OrganizationTree tree, CancellationToken ct) =>
        TypedResults.Ok(await tree.TermsOverdueAsync(user.ScopeOf(), ct));

    private static async Task<Results<Ok<OrganizationView>, ProblemHttpResult>> Get(long id, ClaimsPrincipal user, OrganizationTree tree, CancellationToken ct) =>
        (await tree.GetAsync(user.ScopeOf(), id, ct)).ToResult();

    private static async Task<Results<Ok<OrganizationView>, ProblemHttpResult>> Create(OrganizationInput input, ClaimsPrincipal user, OrganizationTree tree, CancellationToken ct) =>
        (await tree.CreateAsync(user.ScopeOf(), input, ct)).ToResult();

    private static async Task<Results<Ok<OrganizationView>, ProblemHttpResult>> Rename(long id, RenameRequest request, ClaimsPrincipal user, OrganizationTree tree, CancellationToken ct) =>
        (await tree.RenameAsync(user.ScopeOf(), id, request.Name, ct)).ToResult();

    private static async Task<Results<Ok<OrganizationView>, ProblemHttpResult>> Move(long id, MoveRequest request, ClaimsPrincipal user, OrganizationMove move, CancellationToken ct) =>
        (await move.MoveAsync(user.ScopeOf(), id, request.NewParentId, ct)).ToResult();

    private static async Task<Results<Ok<OrganizationView>, ProblemHttpResult>> SetTerm(long id, TermRequest request, ClaimsPrincipal user, OrganizationTree tree, CancellationToken ct) =>
        (await tree.SetTermAsync(user.ScopeOf(), id, request.TermStart, request.TermEnd, ct)).ToResult();
}
