using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Account;

/// <summary>
/// Sign-out. Every page's header posts here, so the form carries no antiforgery token (minting one per page view was 5 %
/// of the host's CPU, issue #17); a cross-site post is refused by the browser's own headers instead: Fetch Metadata
/// (<c>Sec-Fetch-Site</c>), or else <c>Origin</c>. The session cookie is <c>SameSite=Lax</c>, so a cross-site post does not
/// carry it anyway; this check keeps a forged sign-out out even where a browser would send it (docs/security.md).
/// </summary>
[AllowDuringOnboarding]
[IgnoreAntiforgeryToken]
public sealed class LogoutModel(SignInManager<PortalUser> signIn) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        if (!IsFromThisSite(Request))
        {
            return BadRequest();
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }

    /// <summary>
    /// Sent by this site's own page: <c>Sec-Fetch-Site</c> same-origin (or none: typed or bookmarked); without it, an
    /// <c>Origin</c> equal to this site's. A client that sends neither (not a browser, or one from before 2020) is let through:
    /// it cannot be a page of another site driving the user's browser.
    /// </summary>
    public static bool IsFromThisSite(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is "same-origin" or "none";
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
