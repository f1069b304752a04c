using Learn.Core.Notifications;
using Learn.WeChat.Configuration;
using Learn.WeChat.Errors;
using Learn.WeChat.MiniProgram;
using Learn.WeChat.OfficialAccount;
using Microsoft.Extensions.Options;

namespace Learn.Jobs.Notifications;

/// <summary>
/// <see cref="IMessageSender"/> over Learn.WeChat: maps logical fields to each template's keys and turns
/// WeChat's answers into outcomes the outbox can act on. The distinction that matters is "certainly not
/// sent" (busy, rate limit, connection refused) versus "no answer" (timeout, broken response): only the
/// first may be retried blindly (ADR 0401).
/// </summary>
public sealed class WeChatMessageSender(MiniProgramClient miniProgram, OfficialAccountClient officialAccount,
    IOptions<WeChatOptions> wechat, IOptions<NotificationOptions> templates) : IMessageSender
{
    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var template = templates.Value.Template(message.Template);
        try
        {
            if (message.Channel == NotificationChannel.MiniProgramSubscribe)
            {
                var data = Map(message.Data, template.MiniProgramFields);
                var msgId = await miniProgram.SendSubscribeMessageAsync(new SubscribeMessage(message.OpenId, template.MiniProgramTemplateId!, data, message.Page), ct);
                return SendResult.Ok(msgId);
            }
            var fields = Map(message.Data, template.OfficialAccountFields);
            var link = message.Page is null ? null : new MiniProgramLink(wechat.Value.MiniProgram.AppId, message.Page);
            var id = await officialAccount.SendTemplateMessageAsync(
                new TemplateMessage(message.OpenId, template.OfficialAccountTemplateId!, fields, MiniProgram: link, ClientMsgId: message.IdempotencyKey), ct);
            return SendResult.Ok(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (WeChatApiException ex)
        {
            return Classify(ex);
        }
        catch (ArgumentException ex)
        {
            // MessageDataRules refused the data before anything was sent: a bug in our data, not worth retrying.
            return new SendResult(SendOutcome.PermanentFailure, Detail: ex.Message);
        }
    }

    internal static SendResult Classify(WeChatApiException ex) => ex.ErrCode switch
    {
        WeChatErrorCodes.UserRefusedSubscription => new SendResult(SendOutcome.NoConsent, ex.ErrCode, Detail: ex.ErrMsg),
        WeChatErrorCodes.LocalTimeout => new SendResult(SendOutcome.Unknown, ex.ErrCode, Detail: ex.ErrMsg),
        WeChatErrorCodes.LocalHttpError when ex.InnerException is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }
            => new SendResult(SendOutcome.TransientFailure, ex.ErrCode, Detail: ex.ErrMsg),
        WeChatErrorCodes.LocalHttpError when ex.IsTransient => new SendResult(SendOutcome.Unknown, ex.ErrCode, Detail: ex.ErrMsg),
        _ when ex.IsTransient => new SendResult(SendOutcome.TransientFailure, ex.ErrCode, Detail: ex.ErrMsg),
        _ => new SendResult(SendOutcome.PermanentFailure, ex.ErrCode, Detail: ex.ErrMsg),
    };

    private static Dictionary<string, string> Map(IReadOnlyDictionary<string, string> data, Dictionary<string, string> fields) =>
        fields.Where(f => data.ContainsKey(f.Key)).ToDictionary(f => f.Value, f => data[f.Key], StringComparer.Ordinal);
}

public static class WeChatMessageSenderRegistration
{
    /// <summary>The outbox's sender; Learn.WeChat itself is registered by <c>AddLearnWeChatServices</c>.</summary>
    public static IServiceCollection AddWeChatMessageSender(this IServiceCollection services)
    {
        services.AddSingleton<IMessageSender, WeChatMessageSender>();
        return services;
    }
}
