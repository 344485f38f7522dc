using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Pages.Account;
using CloudpackPlus.Portal.Pages.Account.Mfa;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Settings;

/// <summary>Account settings: language (remembered on the account and in a cookie), password, MFA recovery codes.</summary>
public sealed class IndexModel(UserManager<PortalUser> users, TotpAuthenticator totp, IStringLocalizer<SharedResource> text) : PageModel
{
    public string Culture { get; private set; } = PortalCultures.Japanese;

    public bool MfaEnabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await Load(user);
        return Page();
    }

    public async Task<IActionResult> OnPostLanguageAsync(string? culture)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        user.Culture = PortalCultures.Normalize(culture);
        await users.UpdateAsync(user);
        LoginModel.RememberCulture(Response, user.Culture);
        TempData["Flash"] = "Settings.LanguageSaved";
        return RedirectToPage();
    }

    /// <summary>New recovery codes replace the old ones; a current code proves the authenticator is at hand.</summary>
    public async Task<IActionResult> OnPostRecoveryCodesAsync(string? code)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var step = totp.Match(user, code);
        if (step is null)
        {
            await users.AccessFailedAsync(user);
            ModelState.AddModelError(string.Empty, text["Mfa.Invalid"]);
            await Load(user);
            return Page();
        }

        user.LastTotpTimeStep = step;
        await users.UpdateAsync(user);
        NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, EnrolModel.RecoveryCodeCount))?.ToList();
        await Load(user);
        return Page();
    }

    private async Task Load(PortalUser user)
    {
        Culture = PortalCultures.Normalize(user.Culture);
        MfaEnabled = user.TwoFactorEnabled;
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
    }
}
