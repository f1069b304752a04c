using System.Security.Claims;
using System.Text.RegularExpressions;
using Learn.Api.OpenApi;
using Learn.Core.Auth;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Learn.Core.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Learn.Api.Notifications;

/// <summary>
/// What the Mini Program reports after <c>wx.requestSubscribeMessage</c>: its success object as is
/// (<c>{"errMsg": "requestSubscribeMessage:ok", "&lt;template id&gt;": "accept" | "reject" | "ban" | "filter"}</c>).
/// Each accept is one message the outbox may send that member with that template. Ask again at natural
/// moments (after a quiz): consents are one-time.
/// </summary>
public static partial class NotificationsApi
{
    private static readonly string[] Answers = ["accept", "reject", "ban", "filter"];

    public static RouteGroupBuilder MapNotifications(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/notifications").RequireAuthorization(MemberClaims.MemberPolicy).WithTags("Notifications");
        group.MapPost("/consents", RecordConsents)
            .WithSummary("上报订阅消息授权").WithDescription("调用 wx.requestSubscribeMessage 后，把 success 回调的结果对象原样提交（{\"errMsg\": \"requestSubscribeMessage:ok\", \"<模板ID>\": \"accept\" | \"reject\" | \"ban\" | \"filter\"}）。每个 accept 记为该模板可发送一条；授权是一次性的，可在答题结束等自然时机再次请求。返回各模板剩余可发送条数。")
            .ProducesLearnProblem(400, ProblemTypes.Validation);
        return group;
    }

    public sealed record ConsentsRecorded(int Recorded, IReadOnlyDictionary<string, int> Remaining);

    private static async Task<Results<Ok<ConsentsRecorded>, ProblemHttpResult>> RecordConsents(
        Dictionary<string, string?> results, ClaimsPrincipal user, LearnDbContext db, TimeProvider time, CancellationToken ct)
    {
        var answers = results.Where(r => r.Key != "errMsg").ToList();
        if (answers.Count is 0 or > 20)
            return Problems.Validation("results", "请提交 1 至 20 个订阅消息模板的授权结果");
        foreach (var (templateId, answer) in answers)
        {
            if (!TemplateIdPattern().IsMatch(templateId))
                return Problems.Validation(templateId, "订阅消息模板 ID 格式不正确");
            if (answer is null || !Answers.Contains(answer, StringComparer.Ordinal))
                return Problems.Validation(templateId, "授权结果须为 accept、reject、ban 或 filter");
        }

        var memberId = user.RequiredMemberIdOf();
        var accepted = answers.Where(a => a.Value == "accept").Select(a => a.Key).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var recorded = await ConsentLedger.RecordAcceptedAsync(db, memberId, accepted, time.GetUtcNow().UtcDateTime, ct);
        await tx.CommitAsync(ct);

        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (templateId, _) in answers)
            remaining[templateId] = await ConsentLedger.RemainingAsync(db, memberId, templateId, ct);
        return TypedResults.Ok(new ConsentsRecorded(recorded, remaining));
    }

    // WeChat template ids are URL-safe Base64-like strings of about 43 characters.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex TemplateIdPattern();
}
