using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Learn.Core.Notifications;
using Microsoft.Extensions.Options;

namespace Learn.Jobs.Notifications;

/// <summary>
/// <see cref="IMessageSender"/> over WeChat's two send APIs (<c>subscribe/send</c>, <c>template/send</c> with
/// <c>client_msg_id</c>). A stand-in until Learn.WeChat (branch <c>wechat</c>) is in main: same <c>WeChat</c>
/// settings, a process-local token cache instead of its shared one. Replace it with an adapter over
/// <c>MiniProgramClient</c> / <c>OfficialAccountClient</c> when that lands.
/// </summary>
public sealed class WeChatHttpSender(IHttpClientFactory http, IOptions<SenderWeChatOptions> wechat, IOptions<NotificationOptions> templates,
    TimeProvider time, ILogger<WeChatHttpSender> logger) : IMessageSender
{
    public const string ClientName = "wechat-send";
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);

    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var template = templates.Value.Template(message.Template);
        var mini = message.Channel == NotificationChannel.MiniProgramSubscribe;
        var (templateId, fields) = mini ? (template.MiniProgramTemplateId, template.MiniProgramFields) : (template.OfficialAccountTemplateId, template.OfficialAccountFields);
        var data = new JsonObject();
        foreach (var (logical, key) in fields)
            if (message.Data.TryGetValue(logical, out var value)) data[key] = new JsonObject { ["value"] = value };
        var body = new JsonObject { ["touser"] = message.OpenId, ["template_id"] = templateId, ["data"] = data };
        if (mini)
        {
            body["miniprogram_state"] = wechat.Value.MiniProgram.MessageState;
            body["lang"] = "zh_CN";
            if (message.Page is not null) body["page"] = message.Page;
        }
        else
        {
            body["client_msg_id"] = message.IdempotencyKey;
            if (message.Page is not null) body["miniprogram"] = new JsonObject { ["appid"] = wechat.Value.MiniProgram.AppId, ["pagepath"] = message.Page };
        }
        var app = mini ? wechat.Value.MiniProgram : wechat.Value.OfficialAccount;
        var path = mini ? "cgi-bin/message/subscribe/send" : "cgi-bin/message/template/send";
        for (var attempt = 0; ; attempt++)
        {
            JsonObject? answer;
            try
            {
                var token = await TokenAsync(app, ct);
                using var response = await http.CreateClient(ClientName).PostAsJsonAsync($"{path}?access_token={Uri.EscapeDataString(token)}", body, ct);
                if (!response.IsSuccessStatusCode) return new SendResult(SendOutcome.Unknown, (int)response.StatusCode, Detail: "HTTP " + (int)response.StatusCode);
                answer = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
            }
            catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError)
            {
                return new SendResult(SendOutcome.TransientFailure, Detail: ex.Message); // never reached WeChat
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
            {
                return new SendResult(SendOutcome.Unknown, Detail: ex.Message);
            }
            var code = answer?["errcode"]?.GetValue<int>() ?? 0;
            if (code is 40001 or 40014 or 42001 && attempt == 0)
            {
                _tokens.TryRemove(app.AppId, out _); // token rejected: fetch a fresh one and try once more
                continue;
            }
            return Classify(code, answer?["errmsg"]?.ToString(), answer?["msgid"]?.ToString());
        }
    }

    internal static SendResult Classify(int code, string? errMsg, string? msgId) => code switch
    {
        0 => SendResult.Ok(msgId),
        43101 => new SendResult(SendOutcome.NoConsent, code, Detail: errMsg),
        -1 or 45009 or 45011 => new SendResult(SendOutcome.TransientFailure, code, Detail: errMsg),
        _ => new SendResult(SendOutcome.PermanentFailure, code, Detail: errMsg),
    };

    private async Task<string> TokenAsync(SenderWeChatApp app, CancellationToken ct)
    {
        if (_tokens.TryGetValue(app.AppId, out var cached) && cached.Expires > time.GetUtcNow()) return cached.Token;
        using var response = await http.CreateClient(ClientName).PostAsJsonAsync("cgi-bin/stable_token",
            new { grant_type = "client_credential", appid = app.AppId, secret = app.AppSecret }, ct);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
        var token = answer?["access_token"]?.ToString() ?? throw new HttpRequestException($"stable_token failed: {answer?.ToJsonString()}");
        var expires = answer["expires_in"]?.GetValue<int>() ?? 7200;
        _tokens[app.AppId] = (token, time.GetUtcNow().AddSeconds(expires - 300));
        logger.LogInformation("Fetched a WeChat access token for {AppId}", app.AppId);
        return token;
    }
}

/// <summary>The parts of the <c>WeChat</c> section the sender needs (the same keys Learn.WeChat binds).</summary>
public sealed class SenderWeChatOptions
{
    public string ApiBaseUrl { get; set; } = "https://api.weixin.qq.com";
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public SenderWeChatApp MiniProgram { get; set; } = new();
    public SenderWeChatApp OfficialAccount { get; set; } = new();
}

public sealed class SenderWeChatApp
{
    public string AppId { get; set; } = "";
    public string AppSecret { get; set; } = "";
    public string MessageState { get; set; } = "formal";
}

public static class WeChatHttpSenderRegistration
{
    public static IServiceCollection AddWeChatMessageSender(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SenderWeChatOptions>().BindConfiguration("WeChat")
            .Validate(o => Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out _), "WeChat:ApiBaseUrl must be an absolute URL.")
            .Validate(o => o.MiniProgram.AppId.Length > 0 && o.MiniProgram.AppSecret.Length > 0, "WeChat:MiniProgram:AppId and WeChat:MiniProgram:AppSecret are required.")
            .Validate(o => o.OfficialAccount.AppId.Length > 0 && o.OfficialAccount.AppSecret.Length > 0, "WeChat:OfficialAccount:AppId and WeChat:OfficialAccount:AppSecret are required.")
            .ValidateOnStart();
        services.AddHttpClient(WeChatHttpSender.ClientName, (sp, client) =>
        {
            var o = sp.GetRequiredService<IOptions<SenderWeChatOptions>>().Value;
            client.BaseAddress = new Uri(o.ApiBaseUrl.TrimEnd('/') + "/");
            client.Timeout = o.HttpTimeout;
        });
        services.AddSingleton<IMessageSender, WeChatHttpSender>();
        return services;
    }
}
