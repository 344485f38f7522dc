using CloudpackPlus.Portal.Accounts;
using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Users;

/// <summary>USER-1: the representative edits a user's name and role (the e-mail is the sign-in name and stays).</summary>
public sealed class EditModel(PortalIdentityDbContext db, AccountService accounts, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public UserForm Form { get; set; } = new();

    public Guid Id { get; private set; }

    public string Email { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await Find(id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        Form = new UserForm { DisplayName = user.DisplayName, Email = user.Email!, Role = user.Role };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await Find(id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        if (!UserForm.IsCustomerRole(Form.Role))
        {
            ModelState.AddModelError(string.Empty, text["Validation.Role"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await accounts.UpdateAsync(id, Form.DisplayName.Trim(), Form.Role, PageActor.Of(User), cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, text[$"Error.{error}"]);
            }

            return Page();
        }

        TempData["Flash"] = "Users.Saved";
        return RedirectToPage("/Users/Details", new { id });
    }

    private async Task<PortalUser?> Find(Guid id, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.CompanyId != null, cancellationToken);
        Id = id;
        Email = user?.Email ?? "";
        return user;
    }
}
