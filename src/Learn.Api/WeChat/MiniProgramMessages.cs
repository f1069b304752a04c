using Learn.Core.Identity;
using Learn.WeChat.Configuration;
using Learn.WeChat.Inbound;
using Learn.WeChat.Messages;
using Microsoft.Extensions.Options;

namespace Learn.Api.WeChat;

/// <summary>
/// The Mini Program's message push: subscription consents and delivery results are recorded; the Mini
/// Program has no passive replies, so every push is answered "success".
/// </summary>
internal sealed class MiniProgramMessages(DeliveryEventBuffer deliveries, IOptions<WeChatOptions> weChat, TimeProvider time)
{
    public async Task<string> HandleAsync(InboundPush push, CancellationToken ct)
    {
        var m = push.Message;
        if (DeliveryReports.IsDeliveryReport(m))
        {
            var rows = DeliveryReports.Rows(WeChatAppKind.MiniProgram, weChat.Value.MiniProgram.AppId, m, time.GetUtcNow().UtcDateTime);
            await deliveries.AddAsync(rows);
        }
        return PassiveReply.Success;
    }
}
