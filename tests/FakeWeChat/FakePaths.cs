namespace FakeWeChat;

/// <summary>The WeChat API paths the fake implements (same paths as api.weixin.qq.com).</summary>
public static class FakePaths
{
    public const string Token = "/cgi-bin/token";
    public const string StableToken = "/cgi-bin/stable_token";
    public const string JsCode2Session = "/sns/jscode2session";
    public const string OAuthAccessToken = "/sns/oauth2/access_token";
    public const string SubscribeSend = "/cgi-bin/message/subscribe/send";
    public const string TemplateSend = "/cgi-bin/message/template/send";
    public const string BizSend = "/cgi-bin/message/subscribe/bizsend";
    public const string MsgSecCheck = "/wxa/msg_sec_check";
    public const string PhoneNumber = "/wxa/business/getuserphonenumber";
    public const string GetTicket = "/cgi-bin/ticket/getticket";
    public const string UserInfo = "/cgi-bin/user/info";

    /// <summary>Endpoints that issue tokens; <see cref="FakeWeChatServer.FailNext"/> without a path leaves them alone.</summary>
    public static bool IsTokenEndpoint(string path) => path is Token or StableToken;
}
