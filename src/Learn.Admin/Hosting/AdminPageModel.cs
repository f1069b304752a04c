using Learn.Core.Organizers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learn.Admin.Hosting;

/// <summary>
/// Base of the signed-in pages: the organiser's scope for this request, and the one way a Core
/// <see cref="Refusal"/> becomes a page result (404 out of scope, 403 for a role, messages otherwise).
/// </summary>
public abstract class AdminPageModel : PageModel
{
    public OrganizerScope Scope => HttpContext.GetOrganizerScope();

    /// <summary>A one-off message shown at the top of the next page (after a redirect).</summary>
    [TempData]
    public string? Flash { get; set; }

    /// <summary>The refusal as a result: a not-found or forbidden page, or the form again with its messages.</summary>
    protected IActionResult Refused(Refusal refusal, string prefix = "Input")
    {
        switch (refusal.Status)
        {
            case StatusCodes.Status404NotFound: return NotFound();
            case StatusCodes.Status403Forbidden: return StatusCode(StatusCodes.Status403Forbidden);
        }
        AddErrors(refusal, prefix);
        return Page();
    }

    protected void AddErrors(Refusal refusal, string prefix = "Input")
    {
        if (refusal.Errors is null)
        {
            ModelState.AddModelError("", refusal.Title);
            return;
        }
        foreach (var (field, messages) in refusal.Errors)
            foreach (var message in messages)
                ModelState.AddModelError(prefix.Length == 0 ? field : $"{prefix}.{char.ToUpperInvariant(field[0])}{field[1..]}", message);
    }
}
