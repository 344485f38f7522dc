using CloudpackPlus.Core.Errors;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Staff;

/// <summary>
/// What every staff console form needs once: the acting staff member, and one way to run a change and
/// answer its refusal — an unknown id 404, someone else's save in between 409, a broken rule 400 —
/// with the page shown again and the message in the reader's language. Nothing is changed on a refusal.
/// </summary>
public abstract class StaffPageModel : PageModel
{
    /// <summary>The signed-in staff member's Core person id (Guid.Empty if somehow missing: the services refuse it).</summary>
    protected Guid StaffId => PortalClaims.PersonIdOf(User) ?? Guid.Empty;

    /// <summary>Runs <paramref name="change"/>; on success sets the flash and redirects to this page, on a refusal reloads and shows it.</summary>
    protected async Task<IActionResult> ChangeAsync(Func<Task> change, string flash, Func<Task<bool>> reload, object? routeValues = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(reload);
        try
        {
            await change();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ProgrammeRuleException e)
        {
            return await RefuseAsync(PortalCultures.MessageOf(e), e is ConcurrencyConflictException ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, reload);
        }

        TempData["Flash"] = flash;
        return RedirectToPage(routeValues);
    }

    /// <summary>
    /// When a posted value did not bind (text in a number field, an unknown choice), answers 400 with one
    /// message in the reader's language instead of MVC's English ones; null when everything bound.
    /// </summary>
    protected async Task<IActionResult?> RefuseUnboundAsync(Func<Task<bool>> reload)
    {
        if (ModelState.IsValid)
        {
            return null;
        }

        ModelState.Clear();
        var text = HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        return await RefuseAsync(text["Console.InvalidValue"], StatusCodes.Status400BadRequest, reload);
    }

    /// <summary>Shows the page again with <paramref name="message"/> and the status (400 unless said).</summary>
    protected async Task<IActionResult> RefuseAsync(string message, int status, Func<Task<bool>> reload)
    {
        ArgumentNullException.ThrowIfNull(reload);
        ModelState.AddModelError(string.Empty, message);
        if (!await reload())
        {
            return NotFound();
        }

        Response.StatusCode = status;
        return Page();
    }
}
