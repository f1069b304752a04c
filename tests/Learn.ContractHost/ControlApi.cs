using FakeWeChat;
using Learn.Core.Contests;
using Learn.Core.Questions;
using Microsoft.EntityFrameworkCore;
using Learn.Core.Data;

namespace Learn.ContractHost;

/// <summary>
/// The control API the Node contract tests call to play the parts that are not the Mini Program: WeChat
/// (login, phone and OAuth codes) and the organiser (roster, contests, the live host's buttons).
/// </summary>
internal static class ControlApi
{
    public sealed record LoginCode(string Code, string OpenId, string? UnionId);
    public sealed record PhoneCode(string Code, string Phone);
    public sealed record OAuthCode(string Code, string OpenId, bool Follows = true);
    public sealed record NewMember(long OrganizationId, string Name, string? Mobile);
    public sealed record NewContest(string Mode, string Title, long OrganizationId, int QuestionCount = 3, int SecondsPerQuestion = 30,
        int AttemptsPerDay = 0, bool HideBoardUntilClose = false);

    public static void MapControl(this WebApplication app)
    {
        var control = app.MapGroup("/control");
        control.MapPost("/login-codes", (LoginCode c, FakeWeChatServer fake) =>
        {
            fake.Sessions.Add(c.Code, new FakeSession(c.OpenId, "c2Vzc2lvbmtleTEyMzQ1Ng==", c.UnionId));
            return TypedResults.NoContent();
        });
        control.MapPost("/phone-codes", (PhoneCode c, FakeWeChatServer fake) =>
        {
            fake.PhoneCodes.Add(c.Code, new FakePhone(c.Phone, "86"));
            return TypedResults.NoContent();
        });
        // The Official Account's silent OAuth: WeChat redirects back to the binding page with this code.
        control.MapPost("/oauth-codes", (OAuthCode c, FakeWeChatServer fake) =>
        {
            fake.OAuthCodes.Add(c.Code, c.OpenId);
            if (c.Follows) fake.Followers.Follow(c.OpenId);
            return TypedResults.NoContent();
        });
        control.MapPost("/seed", async (World world) => TypedResults.Ok(await world.SeedAsync()));
        control.MapPost("/members", async (NewMember m, World world) => TypedResults.Ok(await world.AddMemberAsync(m.OrganizationId, m.Name, m.Mobile)));
        control.MapPost("/contests", async (NewContest c, World world) => await world.AddContestAsync(c));
        control.MapPost("/contests/{id:long}/close", async (long id, ContestLifecycle lifecycle) =>
            await lifecycle.CloseAsync(id) ? Results.NoContent() : Results.Conflict());
        control.MapPost("/contests/{id:long}/live/open", async (long id, LiveHost host) =>
        {
            var (outcome, round) = await host.OpenQuestionAsync("/", id);
            return outcome == LiveHost.Outcome.Done ? Results.Ok(new { seq = round!.Seq, questionVersionId = round.QuestionVersionId }) : Results.Conflict(outcome.ToString());
        });
        control.MapPost("/contests/{id:long}/live/{seq:int}/close", async (long id, int seq, LiveHost host) =>
            await host.CloseQuestionAsync("/", id, seq) is var o && o == LiveHost.Outcome.Done ? Results.NoContent() : Results.Conflict(o.ToString()));
        control.MapPost("/contests/{id:long}/live/{seq:int}/reveal", async (long id, int seq, LiveHost host) =>
            await host.RevealAsync("/", id, seq) is var o && o == LiveHost.Outcome.Done ? Results.NoContent() : Results.Conflict(o.ToString()));
        // The key of a question a member was given, so a test can answer right (or wrong) on purpose.
        control.MapGet("/questions/{versionId:long}/key", async (long versionId, LearnDbContext db) =>
            await db.Set<QuestionVersion>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId) is { } v
                ? Results.Ok(new { answerKey = v.AnswerKey, kind = v.Kind.ToString() }) : Results.NotFound());
    }
}
