using Learn.Api.Contests;
using Learn.Core.Auditing;
using Learn.Core.Contests;
using Learn.Core.Contests.Boards;
using Learn.Core.Organizations;
using Learn.Core.Redis;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Learn.Api.Tests.Contests;

/// <summary>
/// The fast rebuild (docs/decisions/0309-fast-board-rebuild.md) against the database it is derived from: every
/// counted entry's score, time and correct count, nobody voided, every unit's total and participants; names are
/// left to the reads, which fetch and keep them for the rows they show.
/// </summary>
public class BoardRebuildTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_rebuilt_board_equals_the_entries_member_by_member_and_unit_by_unit()
    {
        var (root, a, b) = await factory.BankAndTreeAsync();
        var contest = await factory.CreateContestAsync(root, new ContestDraft
        {
            Title = "重建核对", Mode = ContestMode.Timed, EasyCount = 1, MediumCount = 1, HardCount = 0,
            SecondsPerQuestion = 30, PointsPerCorrect = 10,
        });
        var members = new List<long>();
        HttpClient viewer = null!;
        for (var i = 0; i < 9; i++)
        {
            // Three units, every result from 0 to 2 right, so totals, ties and zero scores all occur.
            var member = await factory.MemberAsync(new[] { a, b, root }[i % 3], "重建核对" + i);
            viewer = await factory.CreateMemberClientAsync(member.Id);
            await viewer.StartAsync(contest.Id);
            for (var q = 0; q < 2; q++) await factory.AnswerCurrentAsync(viewer, contest.Id, correct: q < i % 3);
            members.Add(member.Id);
        }
        await factory.Services.GetRequiredService<BoardCatchUp>().SettledAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        await using (var scope = factory.Services.CreateAsyncScope())
            (await scope.ServiceProvider.GetRequiredService<ContestAdmin>().VoidAsync("/", contest.Id, members[4], "重建核对作废",
                new AuditActor(AuditActorKind.Organizer, 7, "组织委员"))).ShouldBeTrue();

        var redis = factory.Services.GetRequiredService<RedisStore>().Database;
        await redis.KeyDeleteAsync(BoardKeys.All(contest.Id)); // Redis came back empty
        await factory.Services.GetRequiredService<BoardRebuilder>().RebuildAsync(contest.Id);

        (await redis.StringGetAsync(BoardKeys.State(contest.Id))).ToString().ShouldBe(BoardKeys.Ready);
        var entries = await factory.WithDbAsync(db => db.Set<ContestEntry>().AsNoTracking().Where(e => e.ContestId == contest.Id).ToListAsync());
        var counted = entries.Where(e => !e.Voided).ToList();
        counted.Count.ShouldBe(8);
        (await redis.SortedSetLengthAsync(BoardKeys.Persons(contest.Id))).ShouldBe(counted.Count);
        (await redis.SortedSetScoreAsync(BoardKeys.Persons(contest.Id), members[4])).ShouldBeNull();
        foreach (var e in counted)
        {
            (await redis.SortedSetScoreAsync(BoardKeys.Persons(contest.Id), e.MemberId)).ShouldBe(BoardScore.Encode(contest, e.Score, e.TotalMs, e.ReachedAt));
            (await BoardCorrect.ReadAsync(redis, contest.Id, [e.MemberId]))[0].ShouldBe(e.CorrectCount);
        }
        foreach (var org in new[] { root, a, b })
        {
            var inUnit = counted.Where(e => e.OrganizationPath.StartsWith(org.Path, StringComparison.Ordinal)).ToList();
            inUnit.ShouldNotBeEmpty();
            ((long)await redis.HashGetAsync(BoardKeys.OrgTotal(contest.Id), org.Id)).ShouldBe(inUnit.Sum(e => (long)e.Score));
            ((long)await redis.HashGetAsync(BoardKeys.OrgParticipants(contest.Id), org.Id)).ShouldBe(inUnit.Count);
        }

        // No name was written by the rebuild; the read that shows the rows fetches theirs and keeps them.
        (await redis.HashLengthAsync(BoardKeys.Names(contest.Id))).ShouldBe(0);
        var rows = (await viewer.BoardAsync(contest.Id)).GetProperty("rows").EnumerateArray().ToList();
        rows.Count.ShouldBe(counted.Count);
        var names = await factory.WithDbAsync(db => db.Members.Where(m => members.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name));
        foreach (var row in rows)
        {
            var id = row.GetProperty("memberId").GetInt64();
            row.GetProperty("name").GetString().ShouldBe(names[id]);
            row.GetProperty("organizationId").GetInt64().ShouldBe(counted.Single(e => e.MemberId == id).OrganizationId);
        }
        (await redis.HashLengthAsync(BoardKeys.Names(contest.Id))).ShouldBe(counted.Count);
    }
}

/// <summary>The rebuild's plain SQL on the embedded default (SQLite): booleans, timestamps as text, the same rows.</summary>
public class SqliteBoardRebuildTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task On_sqlite_a_board_lost_with_redis_is_rebuilt_with_the_same_rows()
    {
        var (root, a, b) = await factory.BankAndTreeAsync();
        var contest = await factory.CreateContestAsync(root, new ContestDraft
        {
            Title = "SQLite 重建", Mode = ContestMode.Timed, EasyCount = 1, MediumCount = 1, HardCount = 0, SecondsPerQuestion = 30, PointsPerCorrect = 10,
        });
        HttpClient viewer = null!;
        foreach (var (org, name, correct) in new[] { (a, "嵌入式一", 2), (b, "嵌入式二", 1), (b, "嵌入式三", 0) })
        {
            viewer = await factory.CreateMemberClientAsync((await factory.MemberAsync(org, name)).Id);
            await viewer.StartAsync(contest.Id);
            for (var q = 0; q < 2; q++) await factory.AnswerCurrentAsync(viewer, contest.Id, correct: q < correct, think: TimeSpan.FromSeconds(2 + q));
        }
        await factory.Services.GetRequiredService<BoardCatchUp>().SettledAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        // "Around me" always reads Redis (the top board may come from this instance's copy of up to 1 s).
        var me = $"/api/contests/{contest.Id}/board/me?radius=5";
        var before = (await (await viewer.GetAsync(me)).JsonAsync()).GetProperty("around").ToString();
        before.ShouldContain("嵌入式一");
        var orgsBefore = (await (await viewer.GetAsync($"/api/contests/{contest.Id}/board/orgs")).JsonAsync()).ToString();

        await factory.Services.GetRequiredService<RedisStore>().Database.KeyDeleteAsync(BoardKeys.All(contest.Id));
        await factory.Services.GetRequiredService<BoardRebuilder>().RebuildAsync(contest.Id);
        (await (await viewer.GetAsync(me)).JsonAsync()).GetProperty("around").ToString().ShouldBe(before);
        (await (await viewer.GetAsync($"/api/contests/{contest.Id}/board/orgs")).JsonAsync()).ToString().ShouldBe(orgsBefore);
    }
}
