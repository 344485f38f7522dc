using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace CloudpackPlus.Portal.Pages.Account.Mfa;

/// <summary>MFA-1: TOTP enrolment with a QR code and the key for manual entry; ten recovery codes at the end.</summary>
[AllowDuringOnboarding(Stage = PortalClaims.StageMfa)]
public sealed class EnrolModel(
    UserManager<PortalUser> users, SignInManager<PortalUser> signIn, TotpAuthenticator totp, IStringLocalizer<SharedResource> text) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    public string Code { get; set; } = "";

    public string ManualKey { get; private set; } = "";

    public string QrDataUri { get; private set; } = "";

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.MustChangePassword)
        {
            return RedirectToPage("/Account/ChangePassword");
        }

        if (user.TwoFactorEnabled)
        {
            return RedirectToPage("/Settings/Index");
        }

        // One secret per enrolment: reloading the page shows the same key until it is verified.
        if (user.TotpSecretProtected is null)
        {
            user.TotpSecretProtected = totp.NewProtectedSecret();
            await users.UpdateAsync(user);
        }

        Show(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled || user.TotpSecretProtected is null)
        {
            return RedirectToPage();
        }

        var step = totp.Match(user, Code);
        if (step is null)
        {
            await users.AccessFailedAsync(user);
            ModelState.AddModelError(string.Empty, text["Mfa.Invalid"]);
            Show(user);
            return Page();
        }

        user.LastTotpTimeStep = step;
        user.TwoFactorEnabled = true;
        var saved = await users.UpdateAsync(user);
        if (!saved.Succeeded)
        {
            return RedirectToPage();
        }

        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList();
        await users.ResetAccessFailedCountAsync(user);
        await signIn.RefreshSignInAsync(user);
        return Page();
    }

    private void Show(PortalUser user)
    {
        ManualKey = totp.ManualKey(user);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(totp.ProvisioningUri(user), QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        QrDataUri = "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
