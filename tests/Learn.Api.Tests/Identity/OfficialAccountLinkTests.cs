using System.Net;
using System.Net.Http.Json;
using Learn.Core.Auditing;
using Learn.Core.Identity;
using Learn.Core.Invitations;
using Learn.Core.Members;
using Learn.Core.Notifications;
using Learn.Core.Organizers;
using Learn.Core.Problems;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Tests.Identity;

/// <summary>The form half of the Official Account binding page: each route, its refusals, the limit, the audit, and reach.</summary>
public class OfficialAccountLinkTests(OfficialAccountBindingFactory factory) : IClassFixture<OfficialAccountBindingFactory>
{
    private static string NewOpenId() => "oa-" + Guid.NewGuid().ToString("N")[..16];

    private async Task<(Member Member, string InvitationCode)> ArrangeMemberAsync(string name, string? mobile = null)
    {
        var (_, member, code) = await factory.AddBranchMemberAsync(name, mobile);
        return (member, code);
    }

    /// <summary>The form for a new follower of the account (user/info says they follow unless told otherwise).</summary>
    private async Task<(OfficialAccountBrowser Browser, string Ticket, string OpenId)> OpenFormAsync(bool follows = true)
    {
        var openId = NewOpenId();
        if (follows) factory.WeChat.Followers.Follow(openId);
        var browser = new OfficialAccountBrowser(factory);
        var form = await browser.OpenAsync(openId);
        form.Status.ShouldBe(HttpStatusCode.OK);
        return (browser, form.Ticket!, openId);
    }

    private async Task<string> LinkCodeAsync(HttpClient miniProgram)
    {
        var response = await miniProgram.PostAsync("/api/me/official-account-link-code", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        body.GetProperty("expiresIn").GetInt32().ShouldBe(600);
        return body.GetProperty("code").GetString()!;
    }

    private Task<long?> LinkedMemberAsync(string openId) =>
        factory.WithDbAsync(db => db.WeChatIdentities.Where(w => w.OpenId == openId).Select(w => w.MemberId).SingleAsync());

    private Task<CampaignReachCounts> OfficialAccountReachAsync(long memberId) => factory.WithDbAsync(db => CampaignReach.CountAsync(db,
        db.Members.Where(m => m.Id == memberId).Select(m => m.Id), NotificationChannel.OfficialAccountTemplate,
        new NotificationTemplateOptions { OfficialAccountTemplateId = "oa-template" }, CancellationToken.None));

    [Fact]
    public async Task A_link_code_from_the_Mini_Program_links_the_follower_once_audited_and_reachable()
    {
        var (member, _) = await ArrangeMemberAsync("绑定码党员");
        var miniProgram = await factory.CreateMemberClientAsync(member.Id);
        var code = await LinkCodeAsync(miniProgram);
        code.ShouldMatch("^[0-9]{6}$");
        (await OfficialAccountReachAsync(member.Id)).ViaOfficialAccount.ShouldBe(0);
        var (browser, ticket, openId) = await OpenFormAsync();

        var done = await browser.SubmitAsync(ticket, ("linkCode", code));

        done.Status.ShouldBe(HttpStatusCode.OK);
        done.Html.ShouldContain("绑定成功");
        done.Html.ShouldContain("绑定码党员");
        (await LinkedMemberAsync(openId)).ShouldBe(member.Id);
        var audit = await factory.WithDbAsync(db => db.AuditLog.SingleAsync(a => a.Action == "member.bind-official-account" && a.EntityId == member.Id.ToString()));
        audit.ActorKind.ShouldBe(AuditActorKind.Member);
        audit.After!.ShouldContain("link-code");
        (await OfficialAccountReachAsync(member.Id)).ViaOfficialAccount.ShouldBe(1);

        // Single use: the same code on another follower's page is refused, and nothing changes.
        var (other, otherTicket, otherOpenId) = await OpenFormAsync();
        var reused = await other.SubmitAsync(otherTicket, ("linkCode", code));
        reused.Status.ShouldBe(HttpStatusCode.BadRequest);
        reused.Problem.ShouldBe(MemberProblemTypes.LinkCodeInvalid);
        reused.Html.ShouldContain("绑定码无效或已过期");
        (await LinkedMemberAsync(otherOpenId)).ShouldBeNull();

        // Now linked, the Mini Program is told so instead of getting another code.
        var again = await miniProgram.PostAsync("/api/me/official-account-link-code", null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.JsonAsync()).GetProperty("type").GetString().ShouldBe(MemberProblemTypes.OfficialAccountAlreadyLinked);
    }

    [Fact]
    public async Task An_expired_or_replaced_link_code_is_refused()
    {
        var (member, _) = await ArrangeMemberAsync("过期码党员");
        var miniProgram = await factory.CreateMemberClientAsync(member.Id);
        var first = await LinkCodeAsync(miniProgram);
        var second = await LinkCodeAsync(miniProgram);
        var (browser, ticket, openId) = await OpenFormAsync();

        var replaced = await browser.SubmitAsync(ticket, ("linkCode", first));
        factory.Clock.Advance(OfficialAccountLinkCodes.Lifetime + TimeSpan.FromSeconds(1));
        var expired = await browser.SubmitAsync(ticket, ("linkCode", second));

        replaced.Problem.ShouldBe(MemberProblemTypes.LinkCodeInvalid);
        expired.Status.ShouldBe(HttpStatusCode.BadRequest);
        expired.Problem.ShouldBe(MemberProblemTypes.LinkCodeInvalid);
        (await LinkedMemberAsync(openId)).ShouldBeNull();
    }

    [Fact]
    public async Task The_link_code_endpoint_is_for_bound_members_only()
    {
        var unbound = await factory.CreateMemberClientAsync(null);
        (await unbound.PostAsync("/api/me/official-account-link-code", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.CreateClient().PostAsync("/api/me/official-account-link-code", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_invitation_code_and_name_link_the_follower()
    {
        var (member, invitation) = await ArrangeMemberAsync("邀请码关注者");
        var (browser, ticket, openId) = await OpenFormAsync();

        var done = await browser.SubmitAsync(ticket, ("invitationCode", invitation.ToLowerInvariant()), ("name", " 邀请码关注者 "));

        done.Status.ShouldBe(HttpStatusCode.OK);
        (await LinkedMemberAsync(openId)).ShouldBe(member.Id);
        (await factory.WithDbAsync(db => db.Set<InvitationCode>().SingleAsync(c => c.Code == invitation))).UsedCount.ShouldBe(1);
    }

    [Fact]
    public async Task Name_and_mobile_link_a_follower_who_does_not_follow_yet_and_the_page_says_to_follow()
    {
        var (member, _) = await ArrangeMemberAsync("手机号关注者", "13712340001");
        var (browser, ticket, openId) = await OpenFormAsync(follows: false);

        var done = await browser.SubmitAsync(ticket, ("name", "手机号关注者"), ("mobile", "+86 137-1234-0001"));

        done.Status.ShouldBe(HttpStatusCode.OK);
        done.Html.ShouldContain("关注后才能收到通知");
        (await LinkedMemberAsync(openId)).ShouldBe(member.Id);
        (await OfficialAccountReachAsync(member.Id)).ViaOfficialAccount.ShouldBe(0); // linked, but template messages need a follower
    }

    [Fact]
    public async Task Unknown_mobile_and_bad_input_are_refused_on_the_form_with_nothing_written()
    {
        await ArrangeMemberAsync("名册党员", "13712340002");
        var (browser, ticket, openId) = await OpenFormAsync();

        var unknown = await browser.SubmitAsync(ticket, ("name", "名册党员"), ("mobile", "13712349999"));
        var badMobile = await browser.SubmitAsync(ticket, ("name", "名册党员"), ("mobile", "12345"));
        var empty = await browser.SubmitAsync(ticket);

        unknown.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        unknown.Problem.ShouldBe(MemberProblemTypes.NoRosterMatch);
        unknown.Html.ShouldContain("不在党员名册中");
        unknown.Ticket.ShouldBe(ticket); // the form is shown again, with the entered values
        unknown.Html.ShouldContain("value=\"13712349999\"");
        badMobile.Problem.ShouldBe(ProblemTypes.Validation);
        badMobile.Html.ShouldContain("请填写11位手机号码");
        empty.Problem.ShouldBe(ProblemTypes.Validation);
        (await LinkedMemberAsync(openId)).ShouldBeNull();
        (await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "member.bind-official-account" && a.After!.Contains(openId)))).ShouldBe(0);
    }

    [Fact]
    public async Task A_member_already_linked_to_another_follower_is_refused()
    {
        var (member, invitation) = await ArrangeMemberAsync("已关联党员", "13712340003");
        var (first, firstTicket, firstOpenId) = await OpenFormAsync();
        (await first.SubmitAsync(firstTicket, ("name", "已关联党员"), ("mobile", "13712340003"))).Status.ShouldBe(HttpStatusCode.OK);
        var (second, secondTicket, secondOpenId) = await OpenFormAsync();

        var refused = await second.SubmitAsync(secondTicket, ("invitationCode", invitation), ("name", "已关联党员"));

        refused.Status.ShouldBe(HttpStatusCode.Conflict);
        refused.Problem.ShouldBe(MemberProblemTypes.MemberAlreadyBound);
        refused.Html.ShouldContain("该党员已关联其他公众号微信");
        (await LinkedMemberAsync(firstOpenId)).ShouldBe(member.Id);
        (await LinkedMemberAsync(secondOpenId)).ShouldBeNull();
        (await factory.WithDbAsync(db => db.Set<InvitationCode>().SingleAsync(c => c.Code == invitation))).UsedCount.ShouldBe(0);
    }

    [Fact]
    public async Task Repeated_failures_are_limited_even_for_the_right_answer()
    {
        var (_, invitation) = await ArrangeMemberAsync("限流党员");
        var (browser, ticket, openId) = await OpenFormAsync();
        for (var i = 0; i < BindAttempts.MaxFailures; i++)
            (await browser.SubmitAsync(ticket, ("invitationCode", "WRONG" + i))).Problem.ShouldBe(MemberProblemTypes.InvitationInvalid);

        var blocked = await browser.SubmitAsync(ticket, ("invitationCode", invitation), ("name", "限流党员"));

        blocked.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        blocked.Problem.ShouldBe(ProblemTypes.TooManyRequests);
        blocked.Html.ShouldContain("绑定失败次数过多");
        (await LinkedMemberAsync(openId)).ShouldBeNull();
    }

    [Fact]
    public async Task An_organiser_unbind_releases_the_follower_and_the_personal_rebind_code_works_on_the_page()
    {
        var (branch, member, _) = await factory.AddBranchMemberAsync("换微信党员", "13712340004");
        var (first, firstTicket, firstOpenId) = await OpenFormAsync();
        (await first.SubmitAsync(firstTicket, ("name", "换微信党员"), ("mobile", "13712340004"))).Status.ShouldBe(HttpStatusCode.OK);

        var rebind = await factory.IssueRebindCodeAsync(branch, member.Id, "更换微信号");
        (await LinkedMemberAsync(firstOpenId)).ShouldBeNull();
        var (second, secondTicket, secondOpenId) = await OpenFormAsync();
        var done = await second.SubmitAsync(secondTicket, ("invitationCode", rebind.Code));

        done.Status.ShouldBe(HttpStatusCode.OK);
        (await LinkedMemberAsync(secondOpenId)).ShouldBe(member.Id);
        (await OfficialAccountReachAsync(member.Id)).ViaOfficialAccount.ShouldBe(1);
    }

    [Fact]
    public async Task Linking_does_not_pull_in_a_unionid_sibling_where_the_member_already_has_an_identity()
    {
        var (member, _) = await ArrangeMemberAsync("两个微信党员");
        var miniProgram = await factory.CreateMemberClientAsync(member.Id);
        var unionId = "union-" + Guid.NewGuid().ToString("N")[..10];
        var siblingOpenId = "mp-" + Guid.NewGuid().ToString("N")[..12];
        var sibling = await factory.CreateMemberClientAsync(null, openId: siblingOpenId);
        await factory.WithDbAsync(db => db.WeChatIdentities.Where(w => w.OpenId == siblingOpenId)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.UnionId, unionId)));
        var openId = NewOpenId();
        factory.WeChat.Followers.Follow(openId, unionId);
        var browser = new OfficialAccountBrowser(factory);
        var form = await browser.OpenAsync(openId);

        var done = await browser.SubmitAsync(form.Ticket, ("linkCode", await LinkCodeAsync(miniProgram)));

        done.Status.ShouldBe(HttpStatusCode.OK); // the unique (member, app) index would have refused the whole binding
        (await LinkedMemberAsync(openId)).ShouldBe(member.Id);
        (await LinkedMemberAsync(siblingOpenId)).ShouldBeNull();
        (await sibling.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
