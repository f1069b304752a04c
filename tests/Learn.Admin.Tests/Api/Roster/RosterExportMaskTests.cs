using System.Net;
using System.Net.Http.Json;
using System.Text;
using Learn.Admin.Tests.Api.Organizers;
using Learn.Admin.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Tests.Api.Roster;

/// <summary>Exports show 138****0000; full numbers only for a super admin who asks, audited as such (docs/decisions/0104).</summary>
public class RosterExportMaskTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    [Fact]
    public async Task Exports_mask_mobiles_and_only_a_super_admin_gets_full_numbers_which_is_audited()
    {
        var w = await OrganizerWorld.ArrangeAsync(factory);
        var mobile = "137" + Random.Shared.Next(10_000_000, 99_999_999);
        (await w.Super.PutAsJsonAsync($"/api/admin/members/{w.Member1.Id}", new
        {
            name = "张红梅", gender = "Female", mobile, organizationId = 0, joinedPartyOn = "2005-07-01",
            fullMemberOn = (string?)null, post = (string?)null, isLeadingCadre = false,
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var masked = mobile[..3] + "****" + mobile[^4..];
        var scope = $"organizationId={w.Branch1.Id}&format=csv";

        var adminCsv = await TextAsync(await w.Admin1.GetAsync($"/api/admin/roster/export?{scope}"));
        adminCsv.ShouldContain(masked);
        adminCsv.ShouldNotContain(mobile);

        var refused = await w.Admin1.GetAsync($"/api/admin/roster/export?{scope}&fullMobiles=true");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var problem = await refused.JsonAsync();
        (problem.GetProperty("type").GetString(), problem.GetProperty("title").GetString())
            .ShouldBe(("urn:learn:problem:forbidden", "只有超级管理员可以导出完整手机号"));

        (await TextAsync(await w.Super.GetAsync($"/api/admin/roster/export?{scope}"))).ShouldNotContain(mobile, Case.Sensitive, "full numbers only when asked");
        var full = await TextAsync(await w.Super.GetAsync($"/api/admin/roster/export?{scope}&fullMobiles=true"));
        full.ShouldContain($"{w.Member1.Id},张红梅,女,{mobile},");

        var audited = await factory.WithDbAsync(db => db.AuditLog.Where(a => a.Action.StartsWith("member.export") && a.ActorName.EndsWith(w.Suffix))
            .OrderBy(a => a.Id).Select(a => new { a.Action, a.ActorName }).ToListAsync());
        audited.Select(a => a.Action).ShouldBe(["member.export", "member.export", "member.export.mobiles"], "the refused request exported nothing");
        audited[^1].ActorName.ShouldBe("管理员sup" + w.Suffix);
    }

    private static async Task<string> TextAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
    }
}
