using Learn.WeChat;
using Learn.WeChat.Inbound;
using Learn.WeChat.Messages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Learn.Api.WeChat;

/// <summary>
/// The pipeline both push endpoints share: verify and decode (the library refuses anything unsigned,
/// stale, malformed, oversized or for another app), handle each push once across instances, and answer
/// in the push's own mode (encrypted when it came encrypted).
/// </summary>
internal sealed class WeChatPushReceiver(
    WeChatInbound inbound, WeChatPushDedupe dedupe, IServiceProvider services, ILogger<WeChatPushReceiver> log)
{
    public Results<ContentHttpResult, ProblemHttpResult> Verify(WeChatApp app, HttpContext http)
    {
        var outcome = inbound.For(app).VerifyUrl(WeChatPushQuery.From(http.Request.Query));
        if (!outcome.IsAccepted) return Refused(app, outcome.Refusal.Value, outcome.Detail, http);
        return TypedResults.Text(outcome.Value, "text/plain; charset=utf-8");
    }

    public async Task<Results<ContentHttpResult, ProblemHttpResult>> ReceiveAsync(WeChatApp app, HttpContext http)
    {
        var ct = http.RequestAborted;
        var decoder = inbound.For(app);
        var outcome = await decoder.DecodeAsync(http.Request, ct);
        if (!outcome.IsAccepted) return Refused(app, outcome.Refusal.Value, outcome.Detail, http);

        var push = outcome.Value;
        var key = WeChatPushDedupe.KeyFor(push.Message);
        string reply;
        if (await dedupe.TryClaimAsync(key))
        {
            try { reply = await HandleAsync(app, push, ct); }
            catch
            {
                // Let WeChat's retry handle it afresh instead of being taken for a duplicate of a failure.
                await dedupe.ReleaseAsync(key);
                throw;
            }
            await dedupe.RememberReplyAsync(key, reply);
        }
        else
        {
            // A redelivery (WeChat did not get our first answer in time): same answer, nothing done twice.
            reply = await dedupe.RememberedReplyAsync(key) ?? PassiveReply.Success;
            log.LogInformation("WeChat {App} push {Key} redelivered; answered without handling it again.", app, key);
        }
        return Answer(push, decoder.Reply(push, reply));
    }

    private Task<string> HandleAsync(WeChatApp app, InboundPush push, CancellationToken ct) => app == WeChatApp.OfficialAccount
        ? services.GetRequiredService<OfficialAccountMessages>().HandleAsync(push, ct)
        : services.GetRequiredService<MiniProgramMessages>().HandleAsync(push, ct);

    private static ContentHttpResult Answer(InboundPush push, string body)
    {
        if (body.Length == 0 || body == PassiveReply.Success) return TypedResults.Text(body, "text/plain; charset=utf-8");
        return TypedResults.Text(body, push.Format == PushFormat.Json ? "application/json; charset=utf-8" : "application/xml; charset=utf-8");
    }

    private ProblemHttpResult Refused(WeChatApp app, PushRefusal refusal, string? detail, HttpContext http)
    {
        // Anything refused is either not WeChat or broken: worth a warning with where it came from.
        log.LogWarning("WeChat {App} push refused ({Refusal}): {Detail} from {RemoteIp}",
            app, refusal, detail, http.Connection.RemoteIpAddress);
        return WeChatPushProblems.For(refusal);
    }
}
