using Learn.Admin.Api;
using Learn.Admin.Pages.Jobs;
using Learn.Admin.Pages.Notifications;
using Learn.Core.Auth;
using Learn.Core.Contests;
using Learn.Core.DataProtection;
using Learn.Core.Hosting;
using Learn.Core.Notices;
using Learn.Core.Organizers;
using Learn.Core.Study;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.WebEncoders;

namespace Learn.Admin.Hosting;

/// <summary>
/// The organisers' web site: cookie sign-in on organiser accounts, keys shared through the database,
/// every page behind sign-in (scope is checked by the Core services each page calls), Chinese error pages.
/// Tests name this type as the site's entry point (every host has a <c>Program</c>).
/// </summary>
public sealed class AdminSite
{
    public const string ApplicationName = "Learn.Admin";

    private AdminSite() { }
}

public static class AdminSiteRegistration
{
    public static IServiceCollection AddAdminSite(this IServiceCollection services)
    {
        services.AddLearnRoster();
        services.AddContests();
        services.AddLearnStudy();
        services.AddAdminNotifications();
        services.AddLearnNotices(); // 写通知 (Learn.Core.Notices)
        services.AddAdminHangfire(); // the 任务 page and /jobs/hangfire read Learn.Jobs' Hangfire storage
        // Unbinding a member's WeChat revokes their Mini Program sessions: the site needs the
        // revocation list (and the token settings it depends on), not the member sign-in itself.
        services.AddOptions<MemberTokenOptions>().BindConfiguration(MemberTokenOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<SessionRevocations>();
        services.AddLearnSharedDataProtection(AdminSite.ApplicationName);
        services.AddScoped<PendingUploads>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(AdminCookie.Configure);
        services.AddAuthorization();
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Account/SignIn");
            o.Conventions.AllowAnonymousToPage("/Error");
        });
        // Razor would otherwise write every Chinese character as a numeric entity (&#x515A;).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "learn_admin_af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request is HTTPS, as seen through nginx's X-Forwarded-Proto (the default sets no flag).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    public static WebApplication UseAdminSite(this WebApplication app)
    {
        // HTML pages for people; problem details for the organiser API's programs.
        app.UseWhen(c => !AdminRegistration.IsApiRequest(c), site =>
        {
            // A body over a page's size limit surfaces as BadHttpRequestException(413) when the form is read: keep its status.
            site.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/Error",
                StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            });
            site.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        });
        app.UseWhen(AdminRegistration.IsApiRequest, api => api.UseLearnProblemDetails());
        app.Use(SecurityHeaders);
        app.UseStaticFiles();
        app.UseRouting();
        app.Use(UploadLimits.RefuseAnnouncedOversize);
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    // Everything the site loads is its own (ECharts from npm included), so the policy can be strict.
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        return next();
    }
}
