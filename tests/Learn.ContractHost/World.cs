using Learn.Core;
using System.Text;
using Learn.Core.Auditing;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Invitations;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Learn.Core.Questions;
using Learn.Core.Security;
using Learn.Core.Study;
using Microsoft.EntityFrameworkCore;

namespace Learn.ContractHost;

/// <summary>Arranges rows through Learn.Core's own services, as the admin site would.</summary>
internal sealed class World(LearnDbContext db, QuestionImporter importer, ContestAdmin contests, ContestCaches caches,
    PersonalDataProtector protector, ArticleAuthoring articles, TimeProvider clock)
{
    public sealed record Seeded(long RootId, long BranchAId, long BranchBId, int Questions, long ArticleId);
    public sealed record MemberSeeded(long Id, string Name, string InvitationCode);

    public async Task<Seeded> SeedAsync()
    {
        if (!await db.Set<Question>().AnyAsync())
        {
            var csv = new StringBuilder("题型,题干,选项A,选项B,选项C,选项D,选项E,选项F,答案,分类,难度,解析\n");
            var n = 0;
            foreach (var level in new[] { "易", "中", "难" })
                for (var i = 0; i < 6; i++, n++)
                    csv.Append($"单选,契约测试题{n}（  ）,选项甲{n},选项乙{n},选项丙{n},选项丁{n},,,{"ABCD"[n % 4]},党史,{level},解析{n}\n");
            var report = await importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), QuestionFileFormat.Csv, false, AuditActor.System);
            if (!report.Committed) throw new InvalidOperationException("question import failed");
            caches.ForgetPool();
        }
        var root = await db.Organizations.FirstOrDefaultAsync(o => o.ParentId == null) ?? await AddOrgAsync("市直机关工委", OrganizationKind.PartyCommittee, null);
        var a = await db.Organizations.FirstOrDefaultAsync(o => o.Name == "第一党支部") ?? await AddOrgAsync("第一党支部", OrganizationKind.Branch, root);
        var b = await db.Organizations.FirstOrDefaultAsync(o => o.Name == "第二党支部") ?? await AddOrgAsync("第二党支部", OrganizationKind.Branch, root);
        return new Seeded(root.Id, a.Id, b.Id, await db.Set<Question>().CountAsync(), await TodayArticleAsync(root));
    }

    public async Task<MemberSeeded> AddMemberAsync(long organizationId, string name, string? mobile)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var member = new Member
        {
            Name = name, OrganizationId = organizationId, JoinedPartyOn = new DateOnly(2005, 7, 1), CreatedAt = now, UpdatedAt = now,
            MobileCipher = mobile is null ? null : protector.Encrypt(mobile),
            MobileHash = mobile is null ? null : protector.LookupHash(mobile),
            MobileMasked = mobile is null ? null : Mobile.Mask(mobile),
        };
        db.Members.Add(member);
        await db.SaveChangesAsync();
        var code = new InvitationCode
        {
            Code = InvitationCodes.NewCode(), OrganizationId = organizationId, MemberId = member.Id,
            ExpiresAt = now.AddDays(14), MaxUses = 1, CreatedAt = now,
        };
        db.Add(code);
        await db.SaveChangesAsync();
        return new MemberSeeded(member.Id, name, code.Code);
    }

    public async Task<IResult> AddContestAsync(ControlApi.NewContest c)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var mode = Enum.Parse<ContestMode>(c.Mode, ignoreCase: true);
        var draft = new ContestDraft
        {
            Title = c.Title, Description = "契约测试比赛", Mode = mode, StartsAt = now.AddMinutes(-1), EndsAt = now.AddDays(1),
            AudienceOrganizationIds = [c.OrganizationId], EasyCount = mode == ContestMode.Timed ? c.QuestionCount : 0,
            SecondsPerQuestion = c.SecondsPerQuestion, AttemptsPerDay = c.AttemptsPerDay, PointsPerCorrect = 10,
            HideBoardUntilClose = c.HideBoardUntilClose, MinHumanMs = 0,
        };
        var org = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == c.OrganizationId);
        var created = await contests.CreateAsync("/", org.Id, draft, AuditActor.System);
        return created.Contest is { } contest ? Results.Ok(new { id = contest.Id }) : Results.BadRequest(created.Errors);
    }

    /// <summary>Today's article (Asia/Shanghai) for the whole tree, readable in 2 seconds so the reading flow is quick.</summary>
    private async Task<long> TodayArticleAsync(Organization root)
    {
        var today = Shanghai.Today(clock);
        if (await db.Set<Article>().FirstOrDefaultAsync(x => x.PublishOn == today) is { } existing) return existing.Id;
        var column = await db.Set<ArticleColumn>().FirstOrDefaultAsync() ?? await articles.AddColumnAsync(AuditActor.System, "党史学习")
            ?? throw new InvalidOperationException("column");
        var saved = await articles.CreateAsync(new ArticleAuthor(AuditActor.System, null), new ArticleInput("中共一大的召开", column.Id, "学习平台编辑部",
            ArticleBodyFormat.Markdown, "1921 年 7 月，中国共产党第一次全国代表大会在上海召开。", root.Id, today, MinReadingSeconds: 2));
        return saved.Article?.Id ?? throw new InvalidOperationException(string.Join("; ", saved.Errors.SelectMany(e => e.Value)));
    }

    private async Task<Organization> AddOrgAsync(string name, OrganizationKind kind, Organization? parent)
    {
        var org = new Organization { Name = name, Kind = kind, ParentId = parent?.Id, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Organizations.Add(org);
        await db.SaveChangesAsync();
        org.Path = (parent?.Path ?? "/") + org.Id + "/";
        await db.SaveChangesAsync();
        return org;
    }
}
