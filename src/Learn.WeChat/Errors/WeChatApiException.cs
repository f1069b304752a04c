namespace Learn.WeChat.Errors;

/// <summary>
/// WeChat refused a call (non-zero <c>errcode</c>), or the call failed at the HTTP level.
/// <see cref="IsTransient"/> says whether trying again later may succeed.
/// </summary>
public sealed class WeChatApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WeChatApiException(string api, int errCode, string errMsg, bool? isTransient = null, Exception? inner = null)
        : base($"WeChat {api} failed: errcode {errCode}, errmsg '{errMsg}'.", inner)
    {
        Api = api;
        ErrCode = errCode;
        ErrMsg = errMsg;
        IsTransient = isTransient ?? WeChatErrorCodes.IsTransient(errCode);
    }

    /// <summary>The API path that failed, e.g. <c>/cgi-bin/message/subscribe/send</c>.</summary>
    public string Api { get; }

    /// <summary>WeChat's <c>errcode</c> (or a local code from <see cref="WeChatErrorCodes"/>).</summary>
    public int ErrCode { get; }

    /// <summary>WeChat's <c>errmsg</c>.</summary>
    public string ErrMsg { get; }

    /// <summary>True when a retry with backoff may succeed (busy, rate limit, timeout, 5xx).</summary>
    public bool IsTransient { get; }
}
