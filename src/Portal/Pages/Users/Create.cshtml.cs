using CloudpackPlus.Portal.Accounts;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Users;

/// <summary>ONB-3, USER-1: the representative adds a user; the temporary password goes out by mail. No limit on the count.</summary>
public sealed class CreateModel(AccountService accounts, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public UserForm Form { get; set; } = new();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!UserForm.IsCustomerRole(Form.Role))
        {
            ModelState.AddModelError(string.Empty, text["Validation.Role"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var companyId = HttpCurrentTenant.CompanyOf(User)!.Value;
        var result = await accounts.IssueAsync(
            new NewAccount(companyId, Form.Email, Form.DisplayName.Trim(), Form.Role, PortalCultures.Current),
            PageActor.Of(User), cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, text[$"Error.{error}"]);
            }

            return Page();
        }

        TempData["Flash"] = "Users.Created";
        return RedirectToPage("/Users/Details", new { id = result.User!.Id });
    }
}
