namespace Learn.WeChat.Errors;

/// <summary>The <c>errcode</c> values this library reacts to, plus two codes of its own for HTTP-level failures.</summary>
public static class WeChatErrorCodes
{
    /// <summary>System busy; try again.</summary>
    public const int SystemBusy = -1;
    /// <summary>Invalid credential: the access token is invalid or not the latest.</summary>
    public const int InvalidCredential = 40001;
    /// <summary>Invalid openid.</summary>
    public const int InvalidOpenId = 40003;
    /// <summary>Invalid access token.</summary>
    public const int InvalidAccessToken = 40014;
    /// <summary>Invalid code (jscode2session, OAuth).</summary>
    public const int InvalidCode = 40029;
    /// <summary>The code was already used (jscode2session, OAuth): ask the user to start again.</summary>
    public const int CodeUsed = 40163;
    /// <summary>Access token expired.</summary>
    public const int AccessTokenExpired = 42001;
    /// <summary>The member does not follow the Official Account (template/send).</summary>
    public const int NotFollowing = 43004;
    /// <summary>The member has not subscribed / has no subscription left.</summary>
    public const int UserRefusedSubscription = 43101;
    /// <summary>API frequency limit reached.</summary>
    public const int FrequencyLimit = 45009;
    /// <summary>API minute-quota reached (e.g. jscode2session).</summary>
    public const int MinuteQuota = 45011;
    /// <summary>High-risk user (jscode2session).</summary>
    public const int HighRiskUser = 40226;

    /// <summary>Not a WeChat code: the call timed out before WeChat answered.</summary>
    public const int LocalTimeout = -90001;
    /// <summary>Not a WeChat code: WeChat answered with an HTTP error status or an unreadable body.</summary>
    public const int LocalHttpError = -90002;

    /// <summary>Codes that mean the cached access token is no longer good: refresh once and retry once.</summary>
    public static bool IsTokenRejected(int code) => code is InvalidCredential or InvalidAccessToken or AccessTokenExpired;

    /// <summary>Codes a later attempt may fix (busy, rate limits); everything else is final.</summary>
    public static bool IsTransient(int code) => code is SystemBusy or FrequencyLimit or MinuteQuota or LocalTimeout;
}
