using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Account;

/// <summary>MFA-1: the TOTP code after the password.</summary>
public sealed class LoginWith2faModel(SignInManager<PortalUser> signIn, IStringLocalizer<SharedResource> text)
    : SecondFactorModel(signIn, text, "Login2fa.Invalid")
{
    protected override Task<SignInResult> SignInWithCodeAsync(PortalUser user) =>
        SignInManager.TwoFactorSignInAsync(TotpTokenProvider.Name, Code.Replace(" ", "", StringComparison.Ordinal), isPersistent: false, rememberClient: false);
}
