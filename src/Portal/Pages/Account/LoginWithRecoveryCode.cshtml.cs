using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Account;

public sealed class LoginWithRecoveryCodeModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public string Code { get; set; } = "";

    [FromQuery]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Code);
        if (result.Succeeded)
        {
            LoginModel.RememberCulture(Response, user.Culture);
            return LocalRedirect(LoginModel.SafeReturnUrl(ReturnUrl));
        }

        if (!result.IsLockedOut)
        {
            // Identity does not count a wrong recovery code as a failure; the portal does, so guessing locks out.
            await users.AccessFailedAsync(user);
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut ? text["Login.LockedOut"] : text["LoginRecovery.Invalid"]);
        return Page();
    }
}
