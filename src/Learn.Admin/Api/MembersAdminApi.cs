using System.Security.Claims;
using Learn.Core.Members;
using Learn.Core.Organizers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Learn.Admin.Api;

/// <summary>The roster for organisers: members, transfers, status, mobile reveal, WeChat unbind / re-bind.</summary>
public static class MembersAdminApi
{
    public sealed record MobileResponse(string? Mobile);

    public sealed record ReasonRequest(string? Reason);

    public sealed record UnbindResponse(int UnboundIdentities);

    public static RouteGroupBuilder MapAdminMembers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/members").WithTags("Organiser: members")
            .RequireAuthorization(OrganizerClaims.Policy);
        group.MapGet("/", Search);
        group.MapGet("/{id:long}", Get);
        group.MapPost("/", Create);
        group.MapPut("/{id:long}", Edit);
        group.MapPost("/{id:long}/transfer", Transfer);
        group.MapPost("/{id:long}/status", SetStatus);
        group.MapGet("/{id:long}/mobile", RevealMobile);
        group.MapPost("/{id:long}/unbind", Unbind);
        group.MapPost("/{id:long}/rebind-code", RebindCode);
        return group;
    }

    private static async Task<Results<Ok<Paged<MemberView>>, ProblemHttpResult>> Search(ClaimsPrincipal user, MemberSearch search, CancellationToken ct,
        string? name = null, long? organizationId = null, int? joinYear = null, string? status = null, string? sort = null, int page = 1, int pageSize = 20) =>
        (await search.SearchAsync(user.ScopeOf(), new MemberQuery(name, organizationId, joinYear, status, sort, page, pageSize), ct)).ToResult();

    private static async Task<Results<Ok<MemberDetail>, ProblemHttpResult>> Get(long id, ClaimsPrincipal user, MemberRoster roster, CancellationToken ct) =>
        (await roster.GetAsync(user.ScopeOf(), id, ct)).ToResult();

    private static async Task<Results<Ok<MemberView>, ProblemHttpResult>> Create(MemberInput input, ClaimsPrincipal user, MemberRoster roster, CancellationToken ct) =>
        (await roster.CreateAsync(user.ScopeOf(), input, ct)).ToResult();

    private static async Task<Results<Ok<MemberView>, ProblemHttpResult>> Edit(long id, MemberInput input, ClaimsPrincipal user, MemberRoster roster, CancellationToken ct) =>
        (await roster.EditAsync(user.ScopeOf(), id, input, ct)).ToResult();

    private static async Task<Results<Ok<MemberView>, ProblemHttpResult>> Transfer(long id, TransferInput input, ClaimsPrincipal user, MemberMoves moves, CancellationToken ct) =>
        (await moves.TransferAsync(user.ScopeOf(), id, input, ct)).ToResult();

    private static async Task<Results<Ok<MemberView>, ProblemHttpResult>> SetStatus(long id, LeaveInput input, ClaimsPrincipal user, MemberMoves moves, CancellationToken ct) =>
        (await moves.SetStatusAsync(user.ScopeOf(), id, input, ct)).ToResult();

    private static async Task<Results<Ok<MobileResponse>, ProblemHttpResult>> RevealMobile(long id, ClaimsPrincipal user, MemberRoster roster, CancellationToken ct)
    {
        var outcome = await roster.RevealMobileAsync(user.ScopeOf(), id, ct);
        return outcome.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(new MobileResponse(outcome.Value));
    }

    private static async Task<Results<Ok<UnbindResponse>, ProblemHttpResult>> Unbind(long id, ReasonRequest request, ClaimsPrincipal user, MemberBindings bindings, CancellationToken ct)
    {
        var outcome = await bindings.UnbindAsync(user.ScopeOf(), id, request.Reason, ct);
        return outcome.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(new UnbindResponse(outcome.Value));
    }

    private static async Task<Results<Ok<RebindCode>, ProblemHttpResult>> RebindCode(long id, ReasonRequest request, ClaimsPrincipal user, MemberBindings bindings, CancellationToken ct) =>
        (await bindings.IssueRebindCodeAsync(user.ScopeOf(), id, request.Reason, ct)).ToResult();
}
