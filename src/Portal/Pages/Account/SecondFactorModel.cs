using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Account;

/// <summary>
/// The second step of sign-in after the password: only for someone who has just passed it; on success
/// the user's language is remembered and they go back where they were headed.
/// </summary>
public abstract class SecondFactorModel(SignInManager<PortalUser> signIn, IStringLocalizer<SharedResource> text, string invalidKey) : PageModel
{
    [BindProperty]
    public string Code { get; set; } = "";

    [FromQuery]
    public string? ReturnUrl { get; set; }

    protected SignInManager<PortalUser> SignInManager => signIn;

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        // An empty field binds as null; nothing typed is no guess, so it is not counted toward lockout.
        Code = Code?.Trim() ?? "";
        if (Code.Length == 0)
        {
            ModelState.AddModelError(string.Empty, text[invalidKey]);
            return Page();
        }

        var result = await SignInWithCodeAsync(user);
        if (result.Succeeded)
        {
            LoginModel.RememberCulture(Response, user.Culture);
            return LocalRedirect(LoginModel.SafeReturnUrl(Url, ReturnUrl));
        }

        // The password was right, so the account's existence is no secret here: say that it is locked.
        ModelState.AddModelError(string.Empty, result.IsLockedOut ? text["Login.LockedOut"] : text[invalidKey]);
        return Page();
    }

    /// <summary>Checks <see cref="Code"/> as this page's kind of second factor.</summary>
    protected abstract Task<Microsoft.AspNetCore.Identity.SignInResult> SignInWithCodeAsync(PortalUser user);
}
