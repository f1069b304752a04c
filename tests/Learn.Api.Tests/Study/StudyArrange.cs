using Learn.Core;
using System.Net.Http.Json;
using Learn.Core.Auditing;
using Learn.Core.Auth;
using Learn.Core.Identity;
using Learn.Core.Organizations;
using Learn.Core.Study;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Study;

/// <summary>A small tree: 机关党委 → 党总支 → 第一/第二党支部, and articles published the way organisers publish them.</summary>
public sealed record StudyTree(Organization Root, Organization General, Organization BranchA, Organization BranchB);

/// <summary>Learn.Api with the <see cref="StudyTree"/> in place; derived factories change the study rules.</summary>
public class StudyFactory : ApiFactory
{
    internal StudyTree Tree { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Tree = await this.AddTreeAsync();
    }
}

internal static class StudyArrange
{
    public static async Task<Learn.Core.Members.Member> AddMemberAsync(this ApiFactory factory, Organization org, string? name = null) =>
        await factory.WithDbAsync(db => db.AddMemberAsync(org, name ?? "党员" + Guid.NewGuid().ToString("N")[..4]));

    public static Task<StudyTree> AddTreeAsync(this ApiFactory factory) => factory.WithDbAsync(async db =>
    {
        var root = await db.AddOrganizationAsync("市直机关工委", OrganizationKind.PartyCommittee);
        var general = await db.AddOrganizationAsync("财政局党总支", OrganizationKind.GeneralBranch, root);
        var a = await db.AddOrganizationAsync("第一党支部", OrganizationKind.Branch, general);
        var b = await db.AddOrganizationAsync("第二党支部", OrganizationKind.Branch, general);
        return new StudyTree(root, general, a, b);
    });

    /// <summary>An article created through the organiser service, as a super admin.</summary>
    public static async Task<Article> PublishAsync(this ApiFactory factory, string title, Organization audience, DateOnly? publishOn,
        string column = "党史学习", string body = "学习党史，**明理增信**。", int? minReadingSeconds = 30,
        ArticleBodyFormat format = ArticleBodyFormat.Markdown)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Learn.Core.Data.LearnDbContext>();
        var columnId = await db.Set<ArticleColumn>().Where(c => c.Name == column).Select(c => c.Id).SingleAsync();
        var result = await scope.ServiceProvider.GetRequiredService<ArticleAuthoring>().CreateAsync(
            new ArticleAuthor(AuditActor.System, null),
            new ArticleInput(title, columnId, "学习平台编辑部", format, body, audience.Id, publishOn, MinReadingSeconds: minReadingSeconds));
        result.Errors.ShouldBeEmpty();
        return result.Article!;
    }

    /// <summary>
    /// A client for a member, reusing their Mini Program identity when they have one (one identity
    /// per member per app is a unique index): tests that move the clock past the 30-minute token
    /// lifetime ask for a fresh token this way.
    /// </summary>
    public static async Task<HttpClient> MemberClientAsync(this ApiFactory factory, long memberId)
    {
        var identityId = await factory.WithDbAsync(db => db.WeChatIdentities
            .Where(i => i.MemberId == memberId && i.AppKind == WeChatAppKind.MiniProgram).Select(i => (long?)i.Id).FirstOrDefaultAsync());
        if (identityId is null) return await factory.CreateMemberClientAsync(memberId);
        var token = factory.Services.GetRequiredService<AccessTokens>().Issue(identityId.Value, memberId, "test-" + Guid.NewGuid().ToString("N"));
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static DateOnly Today(this ApiFactory factory) => Shanghai.Today(factory.Clock);

    public static async Task<T> GetJsonAsync<T>(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    public static async Task<T> PostJsonAsync<T>(this HttpClient client, string url)
    {
        var response = await client.PostAsync(url, null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
