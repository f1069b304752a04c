using System.Security.Claims;
using Learn.Admin.Hosting;
using Learn.Core.Members.Roster;
using Learn.Core.Organizers;
using Learn.Core.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Learn.Admin.Api;

/// <summary>
/// Roster import (dry run, then all-or-nothing; rows create or update members) and export, CSV or XLSX, mobiles
/// masked unless a super admin passes <c>fullMobiles=true</c> (anyone else: 403).
/// </summary>
public static class RosterAdminApi
{
    public static RouteGroupBuilder MapAdminRoster(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/roster").WithTags("Organiser: roster files")
            .RequireAuthorization(OrganizerClaims.Policy);
        // Bearer tokens, not cookies: no cross-site form can carry them, so no antiforgery token.
        // The body is capped before it is read (Kestrel answers 413, then a Chinese problem): a file is never
        // buffered past the cap, and a small file that unpacks large is stopped by the row cap while reading.
        group.MapPost("/import", Import).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(RosterFormat.MaxBytes + UploadLimits.FormOverhead));
        group.MapGet("/export", Export);
        return group;
    }

    private static async Task<Results<Ok<RosterImportResult>, ProblemHttpResult>> Import(
        IFormFile file, ClaimsPrincipal user, RosterImport import, CancellationToken ct, bool dryRun = false)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var outcome = await import.ImportAsync(user.ScopeOf(), buffer.ToArray(), file.FileName, dryRun, ct);
        if (outcome.Refusal is { } refusal) return refusal.ToProblem();
        var result = outcome.Value!;
        if (!result.DryRun && result.Errors.Count > 0)
            return Problems.Of(StatusCodes.Status400BadRequest, MemberProblemTypes.ImportRejected,
                $"名册中有{result.Errors.Count}处错误，未导入任何数据", null,
                new Dictionary<string, object?> { ["rows"] = result.Errors, ["total"] = result.Total });
        return TypedResults.Ok(result);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(ClaimsPrincipal user, RosterExport export, CancellationToken ct,
        string format = "xlsx", long? organizationId = null, bool fullMobiles = false)
    {
        if (!Enum.TryParse<RosterFileKind>(format, ignoreCase: true, out var kind))
            return Refusal.Invalid("format", "格式应为 csv 或 xlsx").ToProblem();
        var outcome = await export.ExportAsync(user.ScopeOf(), kind, organizationId, fullMobiles, ct);
        if (outcome.Refusal is { } refusal) return refusal.ToProblem();
        return TypedResults.File(outcome.Value!.Content, outcome.Value.ContentType, outcome.Value.FileName);
    }
}
