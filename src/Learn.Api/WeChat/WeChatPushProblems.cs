using Learn.Core.Problems;
using Learn.WeChat.Inbound;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Learn.Api.WeChat;

/// <summary>How refused pushes are answered. WeChat itself never sees these: only forgeries and broken requests do.</summary>
internal static class WeChatPushProblems
{
    public const string BadSignature = "urn:learn:problem:wechat-signature";
    public const string WrongApp = "urn:learn:problem:wechat-wrong-app";
    public const string NotEncrypted = "urn:learn:problem:wechat-not-encrypted";

    public static ProblemHttpResult For(PushRefusal refusal) => refusal switch
    {
        PushRefusal.BadSignature => Problems.Of(StatusCodes.Status403Forbidden, BadSignature, "消息签名校验失败"),
        PushRefusal.StaleTimestamp => Problems.Of(StatusCodes.Status403Forbidden, BadSignature, "消息时间戳已过期"),
        PushRefusal.WrongAppId => Problems.Of(StatusCodes.Status403Forbidden, WrongApp, "消息不属于本应用"),
        PushRefusal.NotEncrypted => Problems.Of(StatusCodes.Status400BadRequest, NotEncrypted, "安全模式下只接受加密消息"),
        PushRefusal.TooLarge => Problems.Of(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "消息内容过大"),
        PushRefusal.NotConfigured => Problems.Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.Unavailable, "消息推送尚未配置"),
        _ => Problems.BadRequest("消息格式不正确"),
    };
}
