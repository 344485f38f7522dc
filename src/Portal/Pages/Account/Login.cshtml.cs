using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Account;

public sealed class LoginModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, IStringLocalizer<SharedResource> text, TimeProvider clock)
    : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [FromQuery]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect("/") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        Email = Email?.Trim() ?? "";
        if (Email.Length == 0 || string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(string.Empty, text["Login.Failed"]);
            return Page();
        }

        if (await IsExpiredTemporaryPasswordAsync())
        {
            ModelState.AddModelError(string.Empty, text["Login.TemporaryExpired"]);
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Email, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var user = await users.FindByEmailAsync(Email);
            RememberCulture(Response, user?.Culture);
            return LocalRedirect(SafeReturnUrl(Url, ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { returnUrl = SafeReturnUrl(Url, ReturnUrl) });
        }

        // One message for a wrong password, an unknown address and a locked account: the answer must not tell a guesser
        // which addresses have accounts (an unknown address never locks).
        ModelState.AddModelError(string.Empty, text["Login.Failed"]);
        return Page();
    }

    // Told only to whoever typed the right temporary password: anyone else gets the one failure message.
    private async Task<bool> IsExpiredTemporaryPasswordAsync() =>
        await users.FindByEmailAsync(Email) is { MustChangePassword: true, TemporaryPasswordExpiresAt: { } expires } user
        && expires <= clock.GetUtcNow()
        && !await users.IsLockedOutAsync(user)
        && await users.CheckPasswordAsync(user, Password);

    /// <summary>
    /// Only what <see cref="IUrlHelper.IsLocalUrl"/> accepts (a same-site path, no control characters), else the home
    /// page: an open redirect after sign-in is a phishing tool, and LocalRedirect throws on anything else.
    /// </summary>
    public static string SafeReturnUrl(IUrlHelper url, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(url);
        return !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && url.IsLocalUrl(returnUrl) ? returnUrl : "/";
    }

    /// <summary>The language switch of the sign-in and set-up pages: remembered in the cookie, and on the account once signed in.</summary>
    public async Task<IActionResult> OnPostLanguageAsync(string? culture)
    {
        var chosen = PortalCultures.Normalize(culture);
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user && user.Culture != chosen)
        {
            user.Culture = chosen;
            await users.UpdateAsync(user);
        }

        RememberCulture(Response, chosen);
        return LocalRedirect(SafeReturnUrl(Url, ReturnUrl));
    }

    public static void RememberCulture(HttpResponse response, string? culture)
    {
        ArgumentNullException.ThrowIfNull(response);
        var normalized = PortalCultures.Normalize(culture);
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(normalized)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Path = "/",
                Secure = response.HttpContext.Request.IsHttps, // behind the TLS proxy too (forwarded headers)
            });
    }
}
