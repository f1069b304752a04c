using System.Net;
using System.Net.Http.Json;
using Learn.Admin.Tests.Api.Organizers;
using Learn.Admin.Tests.Support;
using Learn.Core.Contests;
using Learn.Core.Contests.Boards;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Learn.Core.Redis;
using Learn.Core.Study;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Admin.Tests.Api.Organizations;

/// <summary>
/// 机关党委 ─┬ 总支A ─┬ 迁移支部 (a member, a running contest it hosts with her result, an article, a campaign)
///           │        └ 留守支部
///           └ 总支B
/// The super admin moves 迁移支部 from A to B over the organiser API; A's admin loses and B's admin gains all of it
/// (roster API, admin site pages, roster and results exports), and the running board rolls up under B (ADR 0801).
/// </summary>
public class MovedBranchScopeTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    private sealed record World(string Suffix, Organization A, Organization B, Organization Moved, long ContestId, string Member, string Contest, string Article, string Campaign);

    [Fact]
    public async Task Moving_a_branch_moves_its_members_contests_articles_campaigns_and_exports_to_the_new_parent()
    {
        var w = await ArrangeAsync();
        var adminA = (Api: await factory.SignInAsync("admA" + w.Suffix), Site: await factory.SignInToSiteAsync("admA" + w.Suffix));
        var adminB = (Api: await factory.SignInAsync("admB" + w.Suffix), Site: await factory.SignInToSiteAsync("admB" + w.Suffix));
        var super = await factory.SignInAsync("sup" + w.Suffix);
        await SeesAsync(adminA, w, true);
        await SeesAsync(adminB, w, false);
        (await OrgTotalAsync(w.ContestId, w.A.Id)).ShouldBe(40);

        var moved = await super.PostAsJsonAsync($"/api/admin/organizations/{w.Moved.Id}/move", new { newParentId = w.B.Id });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK);

        await SeesAsync(adminA, w, false);
        await SeesAsync(adminB, w, true);
        (await OrgTotalAsync(w.ContestId, w.A.Id)).ShouldBe(0, "the branch's scores leave the old parent's total");
        (await OrgTotalAsync(w.ContestId, w.B.Id)).ShouldBe(40, "and join the new parent's");
        var contest = await factory.WithDbAsync(db => db.Set<Contest>().SingleAsync(c => c.Id == w.ContestId));
        contest.AudiencePathList.ShouldBe([w.B.Path + w.Moved.Id + "/"]);
    }

    private async Task SeesAsync((HttpClient Api, HttpClient Site) organiser, World w, bool sees)
    {
        async Task Shows(string path, string text)
        {
            var response = await organiser.Site.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            if (sees)
            {
                response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
                body.ShouldContain(text, customMessage: path);
            }
            else body.ShouldNotContain(text, customMessage: path);
        }
        await Shows("/Contests", w.Contest);
        await Shows("/Articles", w.Article);
        await Shows("/Notifications", w.Campaign);
        await Shows("/Members", w.Member);
        await Shows($"/Contests/Details/{w.ContestId}?handler=Export&format=csv", w.Member);
        (await (await organiser.Api.GetAsync("/api/admin/members?name=" + Uri.EscapeDataString(w.Member))).Content.ReadAsStringAsync())
            .Contains(w.Member, StringComparison.Ordinal).ShouldBe(sees, "member search");
        (await (await organiser.Api.GetAsync("/api/admin/roster/export?format=csv")).Content.ReadAsStringAsync())
            .Contains(w.Member, StringComparison.Ordinal).ShouldBe(sees, "roster export");
    }

    private async Task<long> OrgTotalAsync(long contestId, long orgId)
    {
        var redis = factory.Services.GetRequiredService<RedisStore>();
        var value = await redis.Database.HashGetAsync(BoardKeys.OrgTotal(contestId), orgId);
        return value.IsNull ? 0 : (long)value;
    }

    private async Task<World> ArrangeAsync()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var w = await factory.WithDbAsync(async db =>
        {
            var c = await db.AddOrganizationAsync("机关党委" + s, OrganizationKind.PartyCommittee);
            var a = await db.AddOrganizationAsync("总支A" + s, OrganizationKind.GeneralBranch, c);
            var b = await db.AddOrganizationAsync("总支B" + s, OrganizationKind.GeneralBranch, c);
            var moved = await db.AddOrganizationAsync("迁移支部" + s, OrganizationKind.Branch, a);
            await db.AddOrganizationAsync("留守支部" + s, OrganizationKind.Branch, a);
            var member = await db.AddMemberAsync(moved, "迁移党员" + s);
            await db.AddOrganizerAsync("admA" + s, OrganizerRole.OrganizationAdmin, a);
            await db.AddOrganizerAsync("admB" + s, OrganizerRole.OrganizationAdmin, b);
            await db.AddOrganizerAsync("sup" + s, OrganizerRole.SuperAdmin, null);
            var contest = new Contest
            {
                Title = "迁移支部竞赛" + s, Mode = ContestMode.Timed, StartsAt = now.AddHours(-1), EndsAt = now.AddDays(1),
                OrganizationId = moved.Id, OrganizationPath = moved.Path, AudiencePaths = "|" + moved.Path + "|", EasyCount = 5, CreatedAt = now,
            };
            db.Add(contest);
            await db.SaveChangesAsync();
            db.Add(new ContestEntry
            {
                ContestId = contest.Id, MemberId = member.Id, OrganizationId = moved.Id, OrganizationPath = moved.Path, Score = 40,
                TotalMs = 60_000, ReachedAt = now, JoinedAt = now,
            });
            db.Add(new Article
            {
                Title = "迁移支部文章" + s, ColumnId = (await db.Set<ArticleColumn>().FirstAsync()).Id, Summary = "摘要", Source = "编辑部",
                Body = "正文", BodyHtml = "<p>正文</p>", AudienceOrganizationId = moved.Id, AudiencePath = moved.Path, CreatedAt = now,
            });
            await db.SaveChangesAsync();
            await Outbox.CreateForAudienceAsync(db, new CampaignSpec("test:" + s, "迁移支部通知" + s, "HolidayNotice", NotificationChannel.OfficialAccountTemplate),
                CampaignAudience.Everyone, moved.Path, new Dictionary<string, string> { ["title"] = "通知" }, now, CancellationToken.None);
            return new World(s, a, b, moved, contest.Id, member.Name, contest.Title, "迁移支部文章" + s, "迁移支部通知" + s);
        });
        await factory.Services.GetRequiredService<BoardRebuilder>().RebuildAsync(w.ContestId);
        return w;
    }
}
