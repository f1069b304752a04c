using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Learn.Core.Auditing;
using Learn.Core.Contests;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Learn.Core.Questions;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Contests;

/// <summary>Arranging question banks and contests the way an organiser would, and answering like a member.</summary>
internal static class ContestKit
{
    public const string Header = "题型,题干,选项A,选项B,选项C,选项D,选项E,选项F,答案,分类,难度,解析";

    /// <summary>A small valid bank: <paramref name="perLevel"/> single-choice questions per difficulty, tagged 党史.</summary>
    public static string BankCsv(int perLevel = 4, string tag = "党史")
    {
        var sb = new StringBuilder(Header).Append('\n');
        var n = 0;
        foreach (var level in new[] { "易", "中", "难" })
            for (var i = 0; i < perLevel; i++, n++)
                sb.Append($"单选,{tag}测试题{n}（  ）,选项甲{n},选项乙{n},选项丙{n},选项丁{n},,,{"ABCD"[n % 4]},{tag},{level},解析{n}\n");
        return sb.ToString();
    }

    public static async Task<QuestionImportReport> ImportAsync(this ApiFactory factory, string csv, bool dryRun = false)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<QuestionImporter>()
            .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), QuestionFileFormat.Csv, dryRun, AuditActor.System);
        scope.ServiceProvider.GetRequiredService<ContestCaches>().ForgetPool();
        return report;
    }

    public static async Task<Contest> CreateContestAsync(this ApiFactory factory, Organization audience, ContestDraft? draft = null)
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        draft ??= new ContestDraft { Title = "党史知识竞答" };
        draft = draft with
        {
            StartsAt = draft.StartsAt == default ? now.AddMinutes(-1) : draft.StartsAt,
            EndsAt = draft.EndsAt == default ? now.AddDays(7) : draft.EndsAt,
            AudienceOrganizationIds = draft.AudienceOrganizationIds.Count == 0 && draft.WhitelistMemberIds.Count == 0 ? [audience.Id] : draft.AudienceOrganizationIds,
        };
        await using var scope = factory.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ContestAdmin>().CreateAsync("/", audience.Id, draft, AuditActor.System);
        created.Errors.ShouldBeEmpty();
        return created.Contest!;
    }

    public static Task<T> WithAsync<T>(this ApiFactory factory, Func<IServiceProvider, Task<T>> work) => Scoped(factory, work);

    private static async Task<T> Scoped<T>(ApiFactory factory, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>What contest test classes start from: the small bank (once per database) and a fresh tree.</summary>
    public static async Task<(Organization Root, Organization A, Organization B)> BankAndTreeAsync(this ApiFactory factory)
    {
        if ((await factory.WithDbAsync(db => db.Set<Question>().CountAsync())) == 0)
            (await factory.ImportAsync(BankCsv())).Committed.ShouldBeTrue();
        return await factory.TreeAsync();
    }

    public static async Task<(Organization Root, Organization A, Organization B)> TreeAsync(this ApiFactory factory) =>
        await factory.WithDbAsync(async db =>
        {
            var root = await db.AddOrganizationAsync("市直机关工委", OrganizationKind.PartyCommittee);
            var a = await db.AddOrganizationAsync("第一党支部", OrganizationKind.Branch, root);
            var b = await db.AddOrganizationAsync("第二党支部", OrganizationKind.Branch, root);
            return (root, a, b);
        });

    public static Task<Member> MemberAsync(this ApiFactory factory, Organization org, string name) =>
        factory.WithDbAsync(db => db.AddMemberAsync(org, name));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> StartAsync(this HttpClient member, long contestId) =>
        await (await member.PostAsync($"/api/contests/{contestId}/attempts", null)).JsonAsync();

    public static async Task<JsonElement> CurrentAsync(this HttpClient member, long contestId) =>
        await (await member.GetAsync($"/api/contests/{contestId}/attempts/current")).JsonAsync();

    /// <summary>An answer that is right (or, with <paramref name="correct"/> false, wrong) for the question in the payload.</summary>
    public static async Task<string> AnswerForAsync(this ApiFactory factory, JsonElement question, bool correct = true)
    {
        var id = question.GetProperty("questionId").GetInt64();
        var version = await factory.WithDbAsync(db => db.Set<QuestionVersion>().SingleAsync(v => v.Id == id));
        if (correct) return version.AnswerKey.Split('|')[0];
        return version.Kind switch
        {
            QuestionKind.TrueFalse => version.AnswerKey == AnswerKeys.True ? AnswerKeys.False : AnswerKeys.True,
            QuestionKind.FillBlank => "完全不对的答案",
            _ => version.AnswerKey == "A" ? "B" : "A",
        };
    }

    /// <summary>
    /// An answer as an older client sends it (no <paramref name="ticket"/>: the server looks the question up) or with the question's ticket;
    /// <paramref name="next"/> asks for the paper's next question in the reply.
    /// </summary>
    public static Task<HttpResponseMessage> AnswerAsync(this HttpClient member, long contestId, long attemptId, int seq, string answer, string? requestId = null,
        string? ticket = null, bool next = false) =>
        member.PostAsJsonAsync($"/api/contests/{contestId}/attempts/{attemptId}/answers",
            new { seq, requestId = requestId ?? Guid.NewGuid().ToString("N"), answer, ticket, next });

    public static string Ticket(this JsonElement question) => question.GetProperty("ticket").GetString()!;

    /// <summary>Answers the attempt's current question with its ticket, as the Mini Program does; returns the answer result.</summary>
    public static async Task<JsonElement> AnswerCurrentAsync(this ApiFactory factory, HttpClient member, long contestId, bool correct = true,
        TimeSpan? think = null)
    {
        var attempt = await member.CurrentAsync(contestId);
        var question = attempt.GetProperty("current");
        factory.Clock.Advance(think ?? TimeSpan.FromSeconds(2));
        var answer = await factory.AnswerForAsync(question, correct);
        return await (await member.AnswerAsync(contestId, attempt.GetProperty("attemptId").GetInt64(), question.GetProperty("seq").GetInt32(), answer,
            ticket: question.Ticket())).JsonAsync();
    }

    public static async Task<JsonElement> BoardAsync(this HttpClient member, long contestId, int top = 100) =>
        await (await member.GetAsync($"/api/contests/{contestId}/board?top={top}")).JsonAsync();

    public static long[] MemberIds(this JsonElement board) =>
        board.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("memberId").GetInt64()).ToArray();
}
