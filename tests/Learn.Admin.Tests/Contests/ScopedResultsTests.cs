using System.IO.Compression;
using System.Net;
using Learn.Admin.Tests.Support;
using Learn.Core.Contests;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Learn.TestSupport;

namespace Learn.Admin.Tests.Contests;

/// <summary>
/// A branch hosts a contest for the whole committee: its secretary's results page and CSV/XLSX exports list only
/// the branch's own participants; the super admin's list everyone (ADR 0801).
/// </summary>
public class ScopedResultsTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    [Fact]
    public async Task A_hosting_branch_sees_only_its_own_participants_and_a_super_admin_sees_all()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var contestId = await factory.WithDbAsync(async db =>
        {
            var committee = await db.AddOrganizationAsync("机关党委" + s, OrganizationKind.PartyCommittee);
            var host = await db.AddOrganizationAsync("主办支部" + s, OrganizationKind.Branch, committee);
            var other = await db.AddOrganizationAsync("兄弟支部" + s, OrganizationKind.Branch, committee);
            await db.AddOrganizerAsync("sec" + s, OrganizerRole.BranchSecretary, host);
            await db.AddOrganizerAsync("sup" + s, OrganizerRole.SuperAdmin, null);
            var contest = new Contest
            {
                Title = "全委竞赛" + s, Mode = ContestMode.Timed, StartsAt = now.AddDays(-2), EndsAt = now.AddDays(-1),
                OrganizationId = host.Id, OrganizationPath = host.Path, AudiencePaths = "|" + committee.Path + "|", EasyCount = 5, CreatedAt = now,
            };
            db.Add(contest);
            await db.SaveChangesAsync();
            foreach (var (org, name, score) in new[] { (host, "本支部党员", 30), (other, "兄弟支部党员", 50) })
            {
                var m = await db.AddMemberAsync(org, name + s);
                db.Add(new ContestEntry
                {
                    ContestId = contest.Id, MemberId = m.Id, OrganizationId = org.Id, OrganizationPath = org.Path, Score = score,
                    TotalMs = 60_000, ReachedAt = now.AddDays(-2), JoinedAt = now.AddDays(-2),
                });
            }
            await db.SaveChangesAsync();
            return contest.Id;
        });
        var secretary = await factory.SignInToSiteAsync("sec" + s);
        var super = await factory.SignInToSiteAsync("sup" + s);

        foreach (var view in new[] { "", "?handler=Export&format=csv", "?handler=Export&format=xlsx" })
        {
            var own = await TextAsync(secretary, $"/Contests/Details/{contestId}{view}");
            own.ShouldContain("本支部党员" + s, customMessage: view);
            own.ShouldNotContain("兄弟支部党员" + s, customMessage: view);
            var all = await TextAsync(super, $"/Contests/Details/{contestId}{view}");
            all.ShouldContain("本支部党员" + s, customMessage: view);
            all.ShouldContain("兄弟支部党员" + s, customMessage: view);
        }
    }

    /// <summary>The page or CSV as text; an XLSX as the text of all its parts (whichever way the writer stores strings).</summary>
    private static async Task<string> TextAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (!path.EndsWith("xlsx", StringComparison.Ordinal)) return System.Text.Encoding.UTF8.GetString(bytes);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        return string.Concat(zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal))
            .Select(e => new StreamReader(e.Open()).ReadToEnd()));
    }
}
