using Learn.Admin.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Learn.Admin.Pages.Organizers;

/// <summary>
/// 组织者账号 is for organisation admins and super admins: a branch secretary manages no accounts and gets
/// the 403 page (Core's OrganizerAccountChanges refuses them too; this keeps the page from rendering half).
/// </summary>
public abstract class ManagerPageModel : AdminPageModel
{
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!Scope.CanManageTree)
        {
            context.Result = StatusCode(StatusCodes.Status403Forbidden);
            return;
        }
        await next();
    }
}
