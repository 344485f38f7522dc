using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Account;

/// <summary>A one-time recovery code instead of the TOTP code.</summary>
public sealed class LoginWithRecoveryCodeModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, IStringLocalizer<SharedResource> text)
    : SecondFactorModel(signIn, text, "LoginRecovery.Invalid")
{
    protected override async Task<SignInResult> SignInWithCodeAsync(PortalUser user)
    {
        var result = await SignInManager.TwoFactorRecoveryCodeSignInAsync(Code);
        if (!result.Succeeded && !result.IsLockedOut)
        {
            // Identity does not count a wrong recovery code as a failure; the portal does, so guessing locks out.
            await users.AccessFailedAsync(user);
        }

        return result;
    }
}
