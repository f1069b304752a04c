using System.Net.Http.Headers;
using Learn.Core.Auth;
using Learn.Core.Data;
using Learn.Core.Identity;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.TestSupport;

/// <summary>Arranging rows the way the product would hold them, and clients that act as a member.</summary>
public static class TestData
{
    public static async Task<Organization> AddOrganizationAsync(this LearnDbContext db, string name,
        OrganizationKind kind, Organization? parent = null, DateOnly? termEnd = null)
    {
        var org = new Organization { Name = name, Kind = kind, ParentId = parent?.Id, TermEnd = termEnd, CreatedAt = DateTime.UtcNow };
        db.Organizations.Add(org);
        await db.SaveChangesAsync();
        org.Path = (parent?.Path ?? "/") + org.Id + "/";
        await db.SaveChangesAsync();
        return org;
    }

    public static async Task<Member> AddMemberAsync(this LearnDbContext db, Organization org, string name,
        DateOnly? joinedPartyOn = null, string? post = null, bool leadingCadre = false)
    {
        var member = new Member
        {
            Name = name,
            Gender = Gender.Unknown,
            OrganizationId = org.Id,
            JoinedPartyOn = joinedPartyOn ?? new DateOnly(2005, 7, 1),
            Post = post,
            IsLeadingCadre = leadingCadre,
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        };
        db.Members.Add(member);
        await db.SaveChangesAsync();
        return member;
    }

    /// <summary>
    /// An HttpClient authenticated as a WeChat identity bound to <paramref name="memberId"/>
    /// (or unbound when null), with a token issued exactly as login issues them. Calling it again for
    /// the same member reuses that member's identity (a new session, as after logging in again).
    /// </summary>
    public static async Task<HttpClient> CreateMemberClientAsync<T>(this LearnWebFactory<T> factory, long? memberId,
        string? openId = null) where T : class
    {
        var identity = await factory.WithDbAsync(async db =>
        {
            // A member has at most one Mini Program identity (unique index): a second client for the
            // same member is the same phone logging in again, so it gets a fresh token for that identity.
            if (memberId is not null && openId is null
                && await db.WeChatIdentities.FirstOrDefaultAsync(w => w.MemberId == memberId && w.AppKind == WeChatAppKind.MiniProgram) is { } existing)
                return existing;
            var id = new WeChatIdentity
            {
                AppKind = WeChatAppKind.MiniProgram,
                AppId = "wx-test-miniprogram",
                OpenId = openId ?? "o" + Guid.NewGuid().ToString("N")[..20],
                MemberId = memberId,
                BoundAt = memberId is null ? null : DateTime.UtcNow,
                CreatedAt = DateTime.UtcNow,
                LastSeenAt = DateTime.UtcNow,
            };
            db.WeChatIdentities.Add(id);
            await db.SaveChangesAsync();
            return id;
        });
        var token = factory.Services.GetRequiredService<AccessTokens>()
            .Issue(identity.Id, memberId, "test-" + Guid.NewGuid().ToString("N"));
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
