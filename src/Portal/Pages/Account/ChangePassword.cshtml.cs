using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Portal.Pages.Account;

/// <summary>ONB-2: the first sign-in with a temporary password lands here; also the regular password change.</summary>
[AllowDuringOnboarding(Stage = PortalClaims.StagePassword)]
public sealed class ChangePasswordModel(
    UserManager<PortalUser> users, SignInManager<PortalUser> signIn, IOptions<IdentityOptions> identity, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public string CurrentPassword { get; set; } = "";

    [BindProperty]
    public string NewPassword { get; set; } = "";

    [BindProperty]
    public string ConfirmPassword { get; set; } = "";

    public bool Forced { get; private set; }

    public int MinLength => identity.Value.Password.RequiredLength;

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Forced = user.MustChangePassword;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Forced = user.MustChangePassword;

        // An empty field binds as null: say what is missing (an empty current password is no guess, so it does not count
        // toward lockout, and Identity's hasher would throw on null).
        CurrentPassword ??= "";
        NewPassword ??= "";
        ConfirmPassword ??= "";
        if (CurrentPassword.Length == 0 || NewPassword.Length == 0)
        {
            ModelState.AddModelError(string.Empty, text["Validation.Required", text[CurrentPassword.Length == 0 ? "Field.CurrentPassword" : "Field.NewPassword"]]);
            return Page();
        }

        if (NewPassword != ConfirmPassword)
        {
            ModelState.AddModelError(string.Empty, text["ChangePassword.Mismatch"]);
            return Page();
        }

        if (NewPassword == CurrentPassword)
        {
            ModelState.AddModelError(string.Empty, text["ChangePassword.SameAsOld"]);
            return Page();
        }

        // A wrong current password counts toward lockout like a wrong sign-in: a stolen session must not be a way to
        // guess the password. Locked out, the session ends.
        if (!await users.CheckPasswordAsync(user, CurrentPassword))
        {
            await users.AccessFailedAsync(user);
            if (await users.IsLockedOutAsync(user))
            {
                await signIn.SignOutAsync();
                return RedirectToPage("/Account/Login");
            }

            ModelState.AddModelError(string.Empty, text["Identity.PasswordMismatch"]);
            return Page();
        }

        await users.ResetAccessFailedCountAsync(user);

        // Changing the password renews the security stamp: every other session is signed out.
        user.MustChangePassword = false;
        user.TemporaryPasswordExpiresAt = null;
        var result = await users.ChangePasswordAsync(user, CurrentPassword, NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, text[$"Identity.{error.Code}"]);
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        if (!user.TwoFactorEnabled)
        {
            return RedirectToPage("/Account/Mfa/Enrol");
        }

        TempData["Flash"] = "ChangePassword.Done";
        return RedirectToPage("/Settings/Index");
    }
}
