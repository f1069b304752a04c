using System.Net;
using System.Net.Http.Json;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Tests.Identity;

public class MeTests(WeChatApiFactory factory) : IClassFixture<WeChatApiFactory>
{
    [Fact]
    public async Task Unbound_identity_learns_what_binding_needs()
    {
        var (_, client) = await factory.LoginAsync();

        var me = await (await client.GetAsync("/api/me")).JsonAsync();

        me.GetProperty("bound").GetBoolean().ShouldBeFalse();
        me.GetProperty("binding").GetProperty("routes").EnumerateArray().Select(r => r.GetString()).ShouldBe(["invitationCode", "phone"]);
        me.GetProperty("binding").GetProperty("hint").GetString()!.ShouldContain("邀请码");
    }

    [Fact]
    public async Task Member_card_shows_path_standing_and_the_next_political_birthday()
    {
        factory.Clock.SetShanghai(2027, 3, 10);
        var member = await factory.WithDbAsync(async db =>
        {
            var root = await db.AddOrganizationAsync("卡片机关党委", OrganizationKind.PartyCommittee);
            var branch = await db.AddOrganizationAsync("卡片党支部", OrganizationKind.Branch, root);
            var m = await db.AddMemberAsync(branch, "闰日党员", joinedPartyOn: new DateOnly(2004, 2, 29));
            m.FullMemberOn = new DateOnly(2005, 3, 1);
            await db.SaveChangesAsync();
            return m;
        });
        var client = await factory.CreateMemberClientAsync(member.Id);

        var me = await (await client.GetAsync("/api/me")).JsonAsync();

        me.GetProperty("bound").GetBoolean().ShouldBeTrue();
        var card = me.GetProperty("member");
        card.GetProperty("name").GetString().ShouldBe("闰日党员");
        card.GetProperty("organizationPath").GetString().ShouldBe("卡片机关党委 / 卡片党支部");
        card.GetProperty("partyStandingYears").GetInt32().ShouldBe(22, "党龄 counts from 转正 (2005-03-01)");
        card.GetProperty("nextPoliticalBirthday").GetString().ShouldBe("2028-02-29", "2027's 28 Feb has passed; 2028 is a leap year");
        card.GetProperty("politicalBirthdayYears").GetInt32().ShouldBe(24);
        card.GetProperty("studyPoints").GetInt32().ShouldBe(0);

        factory.Clock.SetShanghai(2027, 2, 1);
        var common = (await (await client.GetAsync("/api/me")).JsonAsync()).GetProperty("member");
        common.GetProperty("nextPoliticalBirthday").GetString().ShouldBe("2027-02-28", "29 Feb joins are celebrated on 28 Feb in common years");
        common.GetProperty("politicalBirthdayYears").GetInt32().ShouldBe(23);
        common.GetProperty("partyStandingYears").GetInt32().ShouldBe(21);
    }

    [Fact]
    public async Task Probationary_member_has_no_standing_yet_and_anonymous_callers_are_refused()
    {
        var member = await factory.WithDbAsync(async db =>
            await db.AddMemberAsync(await db.AddOrganizationAsync("预备党支部", OrganizationKind.Branch), "预备党员", joinedPartyOn: new DateOnly(2026, 6, 1)));
        var client = await factory.CreateMemberClientAsync(member.Id);
        factory.Clock.SetShanghai(2026, 11, 23);

        var card = (await (await client.GetAsync("/api/me")).JsonAsync()).GetProperty("member");

        card.GetProperty("isProbationary").GetBoolean().ShouldBeTrue();
        card.GetProperty("partyStandingYears").GetInt32().ShouldBe(0);
        card.GetProperty("nextPoliticalBirthday").GetString().ShouldBe("2027-06-01");
        card.GetProperty("politicalBirthdayYears").GetInt32().ShouldBe(1);
        (await factory.CreateClient().GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
