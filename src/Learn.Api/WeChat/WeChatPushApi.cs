using Learn.WeChat;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Learn.Api.WeChat;

/// <summary>
/// WeChat's server endpoints: <c>/wechat/mp</c> (Official Account) and <c>/wechat/miniprogram</c> (Mini
/// Program message push). GET is the URL verification WeChat does when the URL is configured; POST is a push.
/// Authenticated by WeChat's signature, not by member tokens.
/// </summary>
public static class WeChatPushApi
{
    public static RouteGroupBuilder MapWeChatPush(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/wechat").ExcludeFromDescription().AllowAnonymous();
        group.MapGet("/mp", VerifyOfficialAccount);
        group.MapPost("/mp", ReceiveOfficialAccount);
        group.MapGet("/miniprogram", VerifyMiniProgram);
        group.MapPost("/miniprogram", ReceiveMiniProgram);
        return group;
    }

    private static Results<ContentHttpResult, ProblemHttpResult> VerifyOfficialAccount(HttpContext http, WeChatPushReceiver receiver)
        => receiver.Verify(WeChatApp.OfficialAccount, http);

    private static Task<Results<ContentHttpResult, ProblemHttpResult>> ReceiveOfficialAccount(HttpContext http, WeChatPushReceiver receiver)
        => receiver.ReceiveAsync(WeChatApp.OfficialAccount, http);

    private static Results<ContentHttpResult, ProblemHttpResult> VerifyMiniProgram(HttpContext http, WeChatPushReceiver receiver)
        => receiver.Verify(WeChatApp.MiniProgram, http);

    private static Task<Results<ContentHttpResult, ProblemHttpResult>> ReceiveMiniProgram(HttpContext http, WeChatPushReceiver receiver)
        => receiver.ReceiveAsync(WeChatApp.MiniProgram, http);

    /// <summary>Options, handlers, the delivery-report buffer and its drainer. Call after <c>AddLearnWeChatServices</c>.</summary>
    public static IServiceCollection AddWeChatPush(this IServiceCollection services)
    {
        services.AddOptions<WeChatPushOptions>().BindConfiguration(WeChatPushOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeChatPushOptions>, WeChatPushOptionsValidator>());
        // The study feature registers its own ITodayStudyReply; this stand-in applies only until it does.
        services.TryAddScoped<ITodayStudyReply, NoTodayStudy>();
        services.AddSingleton<DeliveryEventBuffer>();
        services.AddHostedService<DeliveryEventDrainer>();
        services.AddScoped<OfficialAccountFollowers>();
        services.AddScoped<OfficialAccountMessages>();
        services.AddScoped<MiniProgramMessages>();
        services.AddScoped<WeChatPushReceiver>();
        return services;
    }
}
