using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Account;

public sealed class LoginWith2faModel(SignInManager<PortalUser> signIn, IStringLocalizer<SharedResource> text) : PageModel
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

        var result = await signIn.TwoFactorSignInAsync(TotpTokenProvider.Name, Code.Replace(" ", "", StringComparison.Ordinal), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            LoginModel.RememberCulture(Response, user.Culture);
            return LocalRedirect(LoginModel.SafeReturnUrl(ReturnUrl));
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut ? text["Login.LockedOut"] : text["Login2fa.Invalid"]);
        return Page();
    }
}
