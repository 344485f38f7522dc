using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Account;

public sealed class LoginModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, IStringLocalizer<SharedResource> text) : PageModel
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
            ModelState.AddModelError(string.Empty, text["Login.Invalid"]);
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Email, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var user = await users.FindByEmailAsync(Email);
            RememberCulture(Response, user?.Culture);
            return LocalRedirect(SafeReturnUrl(ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { returnUrl = SafeReturnUrl(ReturnUrl) });
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut ? text["Login.LockedOut"] : text["Login.Invalid"]);
        return Page();
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
        return LocalRedirect(SafeReturnUrl(ReturnUrl));
    }

    /// <summary>Only same-site paths: an open redirect after sign-in is a phishing tool.</summary>
    public static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    public static void RememberCulture(HttpResponse response, string? culture)
    {
        ArgumentNullException.ThrowIfNull(response);
        var normalized = PortalCultures.Normalize(culture);
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(normalized)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Path = "/" });
    }
}
