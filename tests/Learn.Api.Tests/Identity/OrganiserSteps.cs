using System.Net.Http.Json;
using System.Text.Json;
using Learn.Core.Members;
using Learn.Core.Organizers;
using Learn.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Identity;

/// <summary>
/// What an organiser does to a member, for the member-side tests. The organiser API lives on Learn.Admin
/// (ADR 0800), so here the step runs the same Core service its endpoint calls, as a real organiser account.
/// </summary>
public static class OrganiserSteps
{
    public static async Task<RebindCode> IssueRebindCodeAsync(this ApiFactory factory, Learn.Core.Organizations.Organization branch,
        long memberId, string reason)
    {
        var account = await factory.WithDbAsync(db => db.AddOrganizerAsync("sec" + Guid.NewGuid().ToString("N")[..8], OrganizerRole.BranchSecretary, branch));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Learn.Core.Data.LearnDbContext>();
        var organiser = await OrganizerScope.LoadAsync(db, account.Id) ?? throw new InvalidOperationException("organiser not loaded");
        var bindings = ActivatorUtilities.CreateInstance<MemberBindings>(scope.ServiceProvider);
        var outcome = await bindings.IssueRebindCodeAsync(organiser, memberId, reason);
        return outcome.Value ?? throw new InvalidOperationException(outcome.Refusal!.Title);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
