using CloudpackPlus.Core.Companies;
using CompanyEntity = CloudpackPlus.Core.Companies.Company;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Accounts;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Staff.Companies;

/// <summary>Staff console: a company's accounts; issue the representative (ONB-1), re-issue a login or reset MFA (USER-2, audited).</summary>
public sealed class DetailsModel(CoreDbContext core, PortalIdentityDbContext identity, AccountService accounts, IStringLocalizer<SharedResource> text) : PageModel
{
    public CompanyEntity Company { get; private set; } = null!;

    public IReadOnlyList<PortalUser> Users { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await Load(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostIssueAsync(Guid id, string? displayName, string? email, CancellationToken cancellationToken)
    {
        if (!await Load(id, cancellationToken))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(displayName) || string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            ModelState.AddModelError(string.Empty, text["Validation.Required"]);
            return Page();
        }

        var result = await accounts.IssueAsync(
            new NewAccount(id, email.Trim(), displayName.Trim(), PersonRole.Representative, PortalCultures.Japanese), PageActor.Of(User), cancellationToken);
        return Done(result, "Staff.Issued", id);
    }

    public async Task<IActionResult> OnPostReissueAsync(Guid id, Guid userId, CancellationToken cancellationToken) =>
        await OwnsUser(id, userId, cancellationToken)
            ? Done(await accounts.ReissueLoginAsync(userId, PageActor.Of(User), cancellationToken), "Staff.Reissued", id)
            : NotFound();

    public async Task<IActionResult> OnPostResetMfaAsync(Guid id, Guid userId, CancellationToken cancellationToken) =>
        await OwnsUser(id, userId, cancellationToken)
            ? Done(await accounts.ResetMfaAsync(userId, PageActor.Of(User), cancellationToken), "Staff.MfaReset", id)
            : NotFound();

    private IActionResult Done(AccountResult result, string flash, Guid id)
    {
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, text[$"Error.{error}"]);
            }

            return Page();
        }

        TempData["Flash"] = flash;
        return RedirectToPage(new { id });
    }

    private async Task<bool> OwnsUser(Guid companyId, Guid userId, CancellationToken cancellationToken) =>
        await Load(companyId, cancellationToken) && Users.Any(u => u.Id == userId);

    private async Task<bool> Load(Guid id, CancellationToken cancellationToken)
    {
        var company = await core.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (company is null)
        {
            return false;
        }

        Company = company;
        Users = await identity.Users.AsNoTracking().Where(u => u.CompanyId == id)
            .OrderBy(u => u.Role).ThenBy(u => u.DisplayName).ToListAsync(cancellationToken);
        return true;
    }
}
