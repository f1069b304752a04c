using System.Net;
using System.Net.Http.Json;
using FakeWeChat;
using Learn.Core.Invitations;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Tests.Identity;

public class BindTests(WeChatApiFactory factory) : IClassFixture<WeChatApiFactory>
{
    private Task<(Organization Branch, Member Member, string Code)> ArrangeBranchAsync(string memberName, string? mobile = null) =>
        factory.AddBranchMemberAsync(memberName, mobile);

    private string PhoneCode(string mobile)
    {
        var code = "phone-" + Guid.NewGuid().ToString("N")[..10];
        factory.WeChat.PhoneCodes.Add(code, new FakePhone(mobile, "86"));
        return code;
    }

    [Fact]
    public async Task Invitation_code_and_name_bind_and_the_new_token_carries_the_member()
    {
        var (_, member, code) = await ArrangeBranchAsync("邀请码党员");
        var (_, client) = await factory.LoginAsync();

        var response = await client.PostAsJsonAsync("/api/auth/bind", new { invitationCode = code.ToLowerInvariant(), name = "邀请码党员" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        body.GetProperty("memberId").GetInt64().ShouldBe(member.Id);
        WeChatApiFactory.UseToken(client, body.GetProperty("accessToken").GetString()!);
        var me = await (await client.GetAsync("/api/me")).JsonAsync();
        me.GetProperty("bound").GetBoolean().ShouldBeTrue();
        (await factory.WithDbAsync(db => db.Set<InvitationCode>().SingleAsync(c => c.Code == code))).UsedCount.ShouldBe(1);
        (await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "member.bind" && a.EntityId == member.Id.ToString()))).ShouldBe(1);

        // Refresh after binding keeps the member in the new token.
        (await client.PostAsJsonAsync("/api/auth/bind", new { invitationCode = code, name = "邀请码党员" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Phone_number_and_name_bind_against_the_roster()
    {
        var (_, member, _) = await ArrangeBranchAsync("手机号党员", "13912340001");
        var (tokens, client) = await factory.LoginAsync();

        var response = await client.PostAsJsonAsync("/api/auth/bind", new { name = "手机号党员", phoneCode = PhoneCode("13912340001") });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.JsonAsync()).GetProperty("memberId").GetInt64().ShouldBe(member.Id);
        var refreshed = await (await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() })).JsonAsync();
        refreshed.GetProperty("bound").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Refusals_are_problem_details_no_match_and_member_bound_elsewhere()
    {
        var (_, _, code) = await ArrangeBranchAsync("已绑定党员", "13912340002");
        var (_, first) = await factory.LoginAsync();
        (await first.PostAsJsonAsync("/api/auth/bind", new { name = "已绑定党员", phoneCode = PhoneCode("13912340002") })).EnsureSuccessStatusCode();

        var (_, second) = await factory.LoginAsync();
        var taken = await second.PostAsJsonAsync("/api/auth/bind", new { name = "已绑定党员", phoneCode = PhoneCode("13912340002") });
        taken.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await taken.JsonAsync()).GetProperty("type").GetString().ShouldBe("urn:learn:problem:member-already-bound");
        (await second.PostAsJsonAsync("/api/auth/bind", new { invitationCode = code, name = "已绑定党员" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var unknownMobile = await second.PostAsJsonAsync("/api/auth/bind", new { name = "已绑定党员", phoneCode = PhoneCode("13000000000") });
        unknownMobile.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await unknownMobile.JsonAsync();
        problem.GetProperty("type").GetString().ShouldBe("urn:learn:problem:no-roster-match");
        problem.GetProperty("title").GetString()!.ShouldContain("名册");
        var wrongName = await second.PostAsJsonAsync("/api/auth/bind", new { invitationCode = code, name = "查无此人" });
        wrongName.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await second.PostAsJsonAsync("/api/auth/bind", new { invitationCode = "NOPE1234", name = "已绑定党员" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Repeated_failures_are_rate_limited_per_identity()
    {
        var (_, _, code) = await ArrangeBranchAsync("限流党员");
        var (_, client) = await factory.LoginAsync();
        for (var i = 0; i < 5; i++)
            (await client.PostAsJsonAsync("/api/auth/bind", new { invitationCode = "WRONG" + i, name = "限流党员" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var limited = await client.PostAsJsonAsync("/api/auth/bind", new { invitationCode = code, name = "限流党员" });
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await limited.JsonAsync()).GetProperty("type").GetString().ShouldBe("urn:learn:problem:too-many-requests");

        // Another identity is not affected.
        var (_, other) = await factory.LoginAsync();
        (await other.PostAsJsonAsync("/api/auth/bind", new { invitationCode = code, name = "限流党员" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Organiser_unbinds_and_the_rebind_code_binds_the_new_phone()
    {
        var (branch, member, _) = await ArrangeBranchAsync("换手机党员", "13912340003");
        var (_, oldPhone) = await factory.LoginAsync();
        var bound = await (await oldPhone.PostAsJsonAsync("/api/auth/bind", new { name = "换手机党员", phoneCode = PhoneCode("13912340003") })).JsonAsync();
        WeChatApiFactory.UseToken(oldPhone, bound.GetProperty("accessToken").GetString()!);
        (await oldPhone.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var rebind = await factory.IssueRebindCodeAsync(branch, member.Id, "更换手机");

        (await oldPhone.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the old phone's sessions are revoked");
        var (_, newPhone) = await factory.LoginAsync();
        var response = await newPhone.PostAsJsonAsync("/api/auth/bind", new { invitationCode = rebind.Code });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.JsonAsync()).GetProperty("memberId").GetInt64().ShouldBe(member.Id);
        (await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "member.unbind" && a.EntityId == member.Id.ToString()))).ShouldBe(1);
        (await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "member.rebind-code" && a.EntityId == member.Id.ToString()))).ShouldBe(1);
    }

    [Fact]
    public async Task Official_account_identity_with_the_same_unionid_follows_the_binding()
    {
        var (_, member, code) = await ArrangeBranchAsync("公众号党员");
        var unionId = "u" + Guid.NewGuid().ToString("N")[..20];
        await factory.WithDbAsync(async db =>
        {
            db.WeChatIdentities.Add(new Core.Identity.WeChatIdentity
            {
                AppKind = Core.Identity.WeChatAppKind.OfficialAccount, AppId = factory.WeChat.OfficialAccount.AppId,
                OpenId = "oa" + unionId, UnionId = unionId, Subscribed = true, CreatedAt = DateTime.UtcNow, LastSeenAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        var (_, client) = await factory.LoginAsync(factory.NewLoginCode(unionId: unionId));

        (await client.PostAsJsonAsync("/api/auth/bind", new { invitationCode = code, name = "公众号党员" })).EnsureSuccessStatusCode();

        (await factory.WithDbAsync(db => db.WeChatIdentities.SingleAsync(w => w.OpenId == "oa" + unionId))).MemberId.ShouldBe(member.Id);
    }

    [Fact]
    public async Task Personal_invitation_code_alone_binds_and_racing_phones_cannot_both_bind_one_member()
    {
        var (branch, member, _) = await ArrangeBranchAsync("个人邀请码党员");
        var personal = await factory.WithDbAsync(async db =>
        {
            var c = new InvitationCode
            {
                Code = InvitationCodes.NewCode(), OrganizationId = branch.Id, MemberId = member.Id, MaxUses = 10,
                CreatedAt = DateTime.UtcNow, ExpiresAt = factory.Clock.GetUtcNow().UtcDateTime.AddDays(7),
            };
            db.Add(c);
            await db.SaveChangesAsync();
            return c.Code;
        });
        var clients = new List<HttpClient>();
        for (var i = 0; i < 5; i++) clients.Add((await factory.LoginAsync()).Client);

        // {"invitationCode": "…"} and nothing else: the contract the Mini Program team builds against.
        var responses = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync("/api/auth/bind", new { invitationCode = personal })));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(4);
        (await factory.WithDbAsync(db => db.WeChatIdentities.CountAsync(w => w.MemberId == member.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task Without_a_public_address_the_Official_Account_binding_page_is_off_and_says_where_to_bind()
    {
        var response = await factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .GetAsync("/wechat/oa/bind");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync()).ShouldContain("请打开小程序");
    }
}
