using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Accounts;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Staff.Staff;

/// <summary>
/// Admin: staff accounts — the list, create (CSM, CSM lead or admin; the temporary password is mailed and MFA is
/// enrolled at the first sign-in, as for customers), disable / enable (not yourself, not the last admin). Audited.
/// </summary>
public sealed class IndexModel(AccountService accounts, StaffAccounts staff, IStringLocalizer<SharedResource> text) : StaffPageModel
{
    public const int PageSize = 50;

    public Paged<PortalUser> Rows { get; private set; } = new([], 0, 1, PageSize);

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Guid? MyUserId => PageActor.Of(User).UserId;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await Load(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(string? displayName, string? email, PersonRole? role, CancellationToken cancellationToken)
    {
        if (await RefuseUnboundAsync(() => Load(cancellationToken)) is { } unbound)
        {
            return unbound;
        }

        var name = displayName?.Trim();
        var address = email?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200 || string.IsNullOrEmpty(address) || address.Length > 254
            || !System.Net.Mail.MailAddress.TryCreate(address, out _) || role is not { } chosen || !StaffAccounts.Roles.Contains(chosen))
        {
            return await RefuseAsync(text["StaffAccounts.Invalid"], StatusCodes.Status400BadRequest, () => Load(cancellationToken));
        }

        var result = await accounts.IssueAsync(new NewAccount(null, address, name, chosen, PortalCultures.Current), PageActor.Of(User), cancellationToken);
        return await Done(result, "StaffAccounts.Created", cancellationToken);
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid userId, string? stamp, CancellationToken cancellationToken) =>
        await Done(await staff.SetDisabledAsync(userId, true, stamp, PageActor.Of(User), cancellationToken), "StaffAccounts.Disabled", cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync(Guid userId, string? stamp, CancellationToken cancellationToken) =>
        await Done(await staff.SetDisabledAsync(userId, false, stamp, PageActor.Of(User), cancellationToken), "StaffAccounts.Enabled", cancellationToken);

    private async Task<IActionResult> Done(AccountResult result, string flash, CancellationToken cancellationToken)
    {
        if (result.Succeeded)
        {
            TempData["Flash"] = flash;
            return RedirectToPage();
        }

        if (result.Errors.Contains(ErrorCodes.NotFound))
        {
            return NotFound();
        }

        var status = result.Errors.Contains(StaffAccounts.Conflict) || result.Errors.Contains(ErrorCodes.EmailTaken) ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        foreach (var error in result.Errors.Skip(1))
        {
            ModelState.AddModelError(string.Empty, text[$"StaffAccounts.Error.{error}"]);
        }

        return await RefuseAsync(text[$"StaffAccounts.Error.{result.Errors[0]}"], status, () => Load(cancellationToken));
    }

    private async Task<bool> Load(CancellationToken cancellationToken)
    {
        Rows = await staff.PageAsync(PageNumber, PageSize, cancellationToken);
        return true;
    }
}
