using Microsoft.AspNetCore.Identity;

namespace CloudpackPlus.Portal.Identity;

/// <summary>
/// A password must be typeable in the sign-in form: no control characters. The request guard lets tab and line breaks
/// through (text areas need them), but a password input drops line breaks, so a password set with one by a hand-made
/// post could never be typed again (found by the password change fuzz, issue #17).
/// </summary>
public sealed class PrintablePasswordValidator : IPasswordValidator<PortalUser>
{
    public const string Code = "PasswordControlCharacters";

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password) =>
        Task.FromResult(password is not null && password.Any(char.IsControl)
            ? IdentityResult.Failed(new IdentityError { Code = Code, Description = "The password contains control characters." })
            : IdentityResult.Success);
}
