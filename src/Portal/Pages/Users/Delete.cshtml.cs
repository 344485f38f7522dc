using CloudpackPlus.Portal.Accounts;
using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Users;

/// <summary>USER-1: the representative deletes a user's sign-in (not their own).</summary>
public sealed class DeleteModel(PortalIdentityDbContext db, AccountService accounts, IStringLocalizer<SharedResource> text) : PageModel
{
    public PortalUser Target { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.CompanyId != null, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        Target = user;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var page = await OnGetAsync(id, cancellationToken);
        if (page is not PageResult)
        {
            return page;
        }

        var result = await accounts.DeleteAsync(id, PageActor.Of(User), cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, text[$"Error.{error}"]);
            }

            return Page();
        }

        TempData["Flash"] = "Users.Deleted";
        return RedirectToPage("/Users/Index");
    }
}
