using System.Text.RegularExpressions;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.Playwright;

namespace CloudpackPlus.Browser.Tests;

/// <summary>Signing a test account in through the login pages (password, then TOTP when set).</summary>
public static partial class BrowserUsers
{
    [GeneratedRegex("/Account/")]
    private static partial Regex AccountPages();

    /// <summary>Signs <paramref name="account"/> in and waits until the portal has left the account pages.</summary>
    public static async Task SignInAsync(this PortalAppFactory app, IPage page, TestAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        await app.SignInAsync(page, account.Email, account.Password, account.TotpKey);
        await page.WaitForURLAsync(url => !AccountPages().IsMatch(new Uri(url).AbsolutePath));
    }

    /// <summary>Fills the login page (and the TOTP page when a key is given); where the portal goes next is the caller's to check.</summary>
    public static async Task SignInAsync(this PortalAppFactory app, IPage page, string email, string password, string? totpKey)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(page);
        if (!page.Url.Contains("/Account/Login", StringComparison.Ordinal))
        {
            await page.GotoAsync("/Account/Login");
        }

        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-test=sign-in]");
        if (totpKey is not null)
        {
            await page.WaitForURLAsync(new Regex("/Account/LoginWith2fa"));
            await page.FillAsync("#code", app.NextCode(totpKey));
            await page.ClickAsync("[data-test=verify]");
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/>, signing in again first when the session has ended (moving the
    /// fake clock past the idle timeout signs everyone out, as it would in real life).
    /// </summary>
    public static async Task OpenAsync(this PortalAppFactory app, IPage page, TestAccount account, string path)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(path);
        if (page.Url.Contains("/Account/Login", StringComparison.Ordinal))
        {
            await app.SignInAsync(page, account);
            await page.GotoAsync(path);
        }
    }
}
