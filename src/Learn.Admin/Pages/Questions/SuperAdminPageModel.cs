using Learn.Admin.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Learn.Admin.Pages.Questions;

/// <summary>
/// The question bank is one bank for the whole tree (Learn.Core's QuestionBank has no organisation
/// scope), so only super admins change or import it; others get the 403 page.
/// See docs/decisions/0601-admin-site-pages-and-assets.md.
/// </summary>
public abstract class SuperAdminPageModel : AdminPageModel
{
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!Scope.IsSuperAdmin)
        {
            context.Result = StatusCode(StatusCodes.Status403Forbidden);
            return;
        }
        await next();
    }
}
