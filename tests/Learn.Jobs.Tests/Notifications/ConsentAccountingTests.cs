using FakeWeChat;
using Learn.Core.Members;
using Learn.Core.Notifications;
using Learn.Core.Organizations;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Learn.Jobs.Tests.Notifications;

/// <summary>One consent per subscribe message, and the Official Account when none is left.</summary>
public class ConsentAccountingTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    private static readonly Dictionary<string, string> Data = new() { ["title"] = "学习提醒", ["content"] = "本周学习任务已发布" };

    private async Task<Member> MemberAsync(string name) => await factory.WithDbAsync(async db =>
        await db.AddMemberAsync(await db.AddOrganizationAsync(name + "的支部", OrganizationKind.Branch), name));

    private async Task<NotificationCampaign> SendAsync(params Member[] members)
    {
        var campaign = await factory.WithDbAsync(db => Outbox.CreateExplicitAsync(db,
            new CampaignSpec("test:" + Guid.NewGuid().ToString("N"), "测试通知", TestTemplates.Notice, NotificationChannel.MiniProgramSubscribe),
            members.Select(m => new Recipient(m.Id, Data)).ToList(), factory.Clock.GetUtcNow().UtcDateTime, CancellationToken.None));
        await factory.OutboxSettledAsync();
        return campaign!;
    }

    private Task<OutboxMessage> RowAsync(NotificationCampaign c, Member m) =>
        factory.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(x => x.CampaignId == c.Id && x.MemberId == m.Id));

    private Task<int> ConsentsLeftAsync(Member m) =>
        factory.WithDbAsync(db => ConsentLedger.RemainingAsync(db, m.Id, TestTemplates.NoticeMini, CancellationToken.None));

    private int SendsTo(string path, string openId) =>
        factory.WeChat.RequestsTo(path).Count(r => r.ErrCode == 0 && r.Json.GetProperty("touser").GetString() == openId);

    [Fact]
    public async Task A_subscribe_message_spends_exactly_one_consent()
    {
        var member = await MemberAsync("钱一");
        var openId = await factory.WithDbAsync(async db =>
        {
            await db.GrantConsentsAsync(member, TestTemplates.NoticeMini, 2);
            return await db.BindMiniProgramAsync(member);
        });

        var campaign = await SendAsync(member);

        (await RowAsync(campaign, member)).State.ShouldBe(OutboxState.Sent, await factory.OutboxDumpAsync());
        (await ConsentsLeftAsync(member)).ShouldBe(1);
        SendsTo(FakePaths.SubscribeSend, openId).ShouldBe(1);
        var sent = factory.WeChat.RequestsTo(FakePaths.SubscribeSend).Single(r => r.Json.GetProperty("touser").GetString() == openId).Json;
        sent.GetProperty("data").GetProperty("thing2").GetProperty("value").GetString().ShouldBe("本周学习任务已发布");
    }

    [Fact]
    public async Task With_no_consent_left_a_member_following_the_official_account_gets_a_template_message_instead()
    {
        var member = await MemberAsync("孙二");
        var (mini, official) = await factory.WithDbAsync(async db => (await db.BindMiniProgramAsync(member), await db.FollowOfficialAccountAsync(member)));

        var campaign = await SendAsync(member);

        var row = await RowAsync(campaign, member);
        row.State.ShouldBe(OutboxState.Sent);
        row.SentVia.ShouldBe(NotificationChannel.OfficialAccountTemplate);
        SendsTo(FakePaths.SubscribeSend, mini).ShouldBe(0);
        var template = factory.WeChat.RequestsTo(FakePaths.TemplateSend).Single(r => r.Json.GetProperty("touser").GetString() == official).Json;
        template.GetProperty("client_msg_id").GetString().ShouldBe(row.IdempotencyKey);
        template.GetProperty("data").GetProperty("keyword1").GetProperty("value").GetString().ShouldBe("学习提醒");
    }

    [Fact]
    public async Task With_no_consent_and_no_official_account_the_member_is_recorded_unreachable()
    {
        var member = await MemberAsync("李三");
        var unfollowed = await MemberAsync("周四");
        await factory.WithDbAsync(async db =>
        {
            await db.BindMiniProgramAsync(member);
            await db.BindMiniProgramAsync(unfollowed);
            await db.FollowOfficialAccountAsync(unfollowed, subscribed: false);
        });

        var campaign = await SendAsync(member, unfollowed);

        foreach (var m in new[] { member, unfollowed })
        {
            var row = await RowAsync(campaign, m);
            row.State.ShouldBe(OutboxState.Unreachable);
            row.FinalReason.ShouldBe(DeliveryReasons.NoConsentNotFollowing);
        }
        var report = await factory.WithDbAsync(db => DeliveryReport.ForCampaignAsync(db, campaign.Id, CancellationToken.None));
        report.FailedByReason[DeliveryReasons.NoConsentNotFollowing].ShouldBe(2);
        report.Sent.ShouldBe(0);
    }

    [Fact]
    public async Task WeChat_saying_43101_clears_our_count_and_falls_back_to_the_official_account()
    {
        var member = await MemberAsync("吴五");
        var official = await factory.WithDbAsync(async db =>
        {
            await db.GrantConsentsAsync(member, TestTemplates.NoticeMini, 3); // our ledger believes 3 …
            await db.BindMiniProgramAsync(member);
            return await db.FollowOfficialAccountAsync(member);
        });
        factory.WeChat.FailNext(43101, path: FakePaths.SubscribeSend); // … WeChat says none

        var campaign = await SendAsync(member);

        var row = await RowAsync(campaign, member);
        row.State.ShouldBe(OutboxState.Sent);
        row.SentVia.ShouldBe(NotificationChannel.OfficialAccountTemplate);
        (await ConsentsLeftAsync(member)).ShouldBe(0);
        SendsTo(FakePaths.TemplateSend, official).ShouldBe(1);
    }

    [Fact]
    public async Task A_busy_answer_is_retried_after_backoff_and_the_consent_is_spent_only_once()
    {
        var member = await MemberAsync("郑六");
        var openId = await factory.WithDbAsync(async db =>
        {
            await db.GrantConsentsAsync(member, TestTemplates.NoticeMini, 1);
            return await db.BindMiniProgramAsync(member);
        });
        factory.WeChat.FailNext(-1, path: FakePaths.SubscribeSend);

        var campaign = await SendAsync(member);
        var waiting = await RowAsync(campaign, member);
        waiting.State.ShouldBe(OutboxState.Pending);
        waiting.ErrorCode.ShouldBe(-1);
        (waiting.NextAttemptAt - factory.Clock.GetUtcNow().UtcDateTime).ShouldBeGreaterThan(TimeSpan.FromSeconds(20));
        (await ConsentsLeftAsync(member)).ShouldBe(1); // refunded: WeChat did not send

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await factory.OutboxSettledAsync();

        (await RowAsync(campaign, member)).State.ShouldBe(OutboxState.Sent);
        (await ConsentsLeftAsync(member)).ShouldBe(0);
        SendsTo(FakePaths.SubscribeSend, openId).ShouldBe(1);
    }

    [Fact]
    public async Task Organisers_see_before_sending_how_many_members_each_channel_reaches()
    {
        var branch = await factory.WithDbAsync(db => db.AddOrganizationAsync("覆盖面党支部", OrganizationKind.Branch));
        await factory.WithDbAsync(async db =>
        {
            var withConsent = await db.AddMemberAsync(branch, "有授权");
            await db.BindMiniProgramAsync(withConsent);
            await db.GrantConsentsAsync(withConsent, TestTemplates.NoticeMini, 1);
            var following = await db.AddMemberAsync(branch, "关注公众号");
            await db.BindMiniProgramAsync(following);
            await db.FollowOfficialAccountAsync(following);
            await db.AddMemberAsync(branch, "未绑定");
        });
        var template = factory.Services.GetRequiredService<IOptions<NotificationOptions>>().Value.Template(TestTemplates.Notice);

        var reach = await factory.WithDbAsync(db => CampaignReach.ForAudienceAsync(db, CampaignAudience.Everyone, branch.Path,
            NotificationChannel.MiniProgramSubscribe, template, CancellationToken.None));

        reach.ShouldBe(new CampaignReachCounts(Total: 3, ViaMiniProgram: 1, ViaOfficialAccount: 1, Unreachable: 1));
    }
}
