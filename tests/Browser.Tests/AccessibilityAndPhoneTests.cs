using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudpackPlus.Browser.Tests;

/// <summary>
/// Issue #15 polish: the main pages of a customer and of staff pass axe-core with no serious or critical violation,
/// fit a 375 px phone without sideways scrolling (a wide table scrolls in its own box; its dates and short labels stay on one
/// line), and the customer's and the staff navigation stay on one row at desktop size.
/// Before sign-in the browser's language decides and the switch changes it. Screenshots: <c>phone-*.png</c>.
/// </summary>
public sealed class AccessibilityAndPhoneTests(BrowserAppFactory app, BrowserSession browser)
    : IClassFixture<BrowserAppFactory>, IClassFixture<BrowserSession>
{
    private const string Unavailable = $"{BrowserSession.ChromiumPath} is not installed (scripts/test.sh installs Debian's chromium)";

    [SkippableFact]
    public async Task MainPages_PassAxe_AndFitAPhone_ForCustomerAndStaff()
    {
        Skip.IfNot(BrowserSession.IsAvailable, Unavailable);
        var company = await app.CreateCompanyAsync("A11Y", "アクセシビリティ株式会社");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, "rep@a11y.example.jp");
        var admin = await app.CreateAccountAsync(null, PersonRole.Admin, "admin@a11y.cloudpack.example.jp");
        var training = await app.StartTrainingAsync(company, rep, admin);
        var problems = new List<string>();

        // Before sign-in: a browser that prefers English gets English; the switch goes back to Japanese.
        var english = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "en-US" });
        var anonymous = await english.NewPageAsync();
        await anonymous.GotoAsync("/Account/Login");
        await Expect(anonymous.Locator("h1")).ToHaveTextAsync("Sign in");
        await anonymous.SelectOptionAsync("[data-test=language-choice]", "ja-JP");
        await anonymous.ClickAsync("[data-test=language-switch] button");
        await Expect(anonymous.Locator("h1")).ToHaveTextAsync("サインイン");
        await english.CloseAsync();

        var page = await browser.NewPageAsync(app.BaseUrl);
        page.PageError += (_, error) => problems.Add("page error: " + error);
        await page.GotoAsync("/Account/Login");
        await CheckAsync(page, "login", problems);
        await app.SignInAsync(page, rep);
        // At 1280 px the customer's nine menu entries and 「アカウント設定」「サインアウト」 are one row (「通知」 wrapped to a second one).
        var customerHeader = await page.Locator(".site-header").BoundingBoxAsync();
        Assert.True(customerHeader!.Height < 70, $"the customer's header is {customerHeader.Height}px high at 1280px: the navigation wraps");
        string[] customerPages =
        [
            "/", "/Services", "/Applications", $"/Applications/{training.ApplicationId}", "/Company", "/Users", "/Inquiries", "/Inquiries/New", "/Notifications", "/Settings",
        ];
        foreach (var path in customerPages)
        {
            await app.OpenAsync(page, rep, path);
            await CheckAsync(page, "customer" + path, problems);
            await OneLineCellsAsync(page, "customer" + path, problems);
        }

        // The file input speaks the page's language (the native one would say "Choose File").
        await app.OpenAsync(page, rep, "/Inquiries/New");
        await Expect(page.Locator(".file-picker .button").First).ToHaveTextAsync("ファイルを選択");

        await page.SetViewportSizeAsync(375, 812);
        foreach (var path in new[] { "/", "/Applications", $"/Applications/{training.ApplicationId}", "/Company", "/Inquiries", "/Notifications", "/Tools/Accounts", "/Settings" })
        {
            await app.OpenAsync(page, rep, path);
            await FitsAsync(page, "customer" + path, problems);
            await OneLineCellsAsync(page, "phone customer" + path, problems);
            await BrowserSession.ScreenshotAsync(page, "phone-customer-" + Name(path));
        }

        var staff = await browser.NewPageAsync(app.BaseUrl);
        staff.PageError += (_, error) => problems.Add("page error: " + error);
        await app.SignInAsync(staff, admin);
        var header = await staff.Locator(".site-header").BoundingBoxAsync();
        Assert.True(header!.Height < 70, $"the admin's header is {header.Height}px high at 1280px: the navigation wraps");
        await staff.ClickAsync(".nav-menu >> nth=0");
        await BrowserSession.ScreenshotAsync(staff, "phone-staff-menu-desktop");
        string[] staffPages =
        [
            "/Staff/Tasks", "/Staff/Dashboard", "/Staff/Applications", $"/Staff/Applications/{training.ApplicationId}", "/Staff/Companies",
            $"/Staff/Companies/{company}", "/Staff/Inquiries", "/Staff/Catalogue", "/Staff/Audit",
        ];
        foreach (var path in staffPages)
        {
            await app.OpenAsync(staff, admin, path);
            await CheckAsync(staff, "staff" + path, problems);
            await OneLineCellsAsync(staff, "staff" + path, problems);
        }

        await staff.SetViewportSizeAsync(375, 812);
        foreach (var path in new[] { "/Staff/Tasks", $"/Staff/Applications/{training.ApplicationId}", $"/Staff/Companies/{company}", "/Staff/Dashboard", "/Staff/Audit", "/Staff/Calendar" })
        {
            await app.OpenAsync(staff, admin, path);
            await FitsAsync(staff, "staff" + path, problems);
            await OneLineCellsAsync(staff, "phone staff" + path, problems);
            await BrowserSession.ScreenshotAsync(staff, "phone-staff-" + Name(path));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>axe-core: serious and critical violations are problems (moderate and minor are left to review).</summary>
    private static async Task CheckAsync(IPage page, string name, List<string> problems)
    {
        var title = await page.TitleAsync();
        if (title is "cloudpack+" or "")
        {
            problems.Add($"{name}: no page title");
        }

        var result = await page.RunAxe();
        if (result.Passes.Length == 0)
        {
            problems.Add($"{name}: axe-core checked nothing");
        }

        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            var where = string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html));
            problems.Add($"{name}: axe {violation.Impact} {violation.Id} ({violation.Help}): {where}");
        }
    }

    private static async Task FitsAsync(IPage page, string name, List<string> problems)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        if (overflow > 1)
        {
            problems.Add($"{name}: {overflow}px wider than a 375px phone");
        }
    }

    /// <summary>
    /// A table's dates, numbers and short labels (<c>td.nowrap</c>, <c>td.num</c>) stay on one line at every width: a date
    /// broke into four lines on a phone and 「付与」 into one character a line at 1280 px; a wide table scrolls in its own box.
    /// </summary>
    private static async Task OneLineCellsAsync(IPage page, string name, List<string> problems)
    {
        var broken = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.table td.nowrap, .table td.num')].filter(td => {
                if (td.querySelector('br')) return false;
                const range = document.createRange();
                range.selectNodeContents(td);
                const tops = [...range.getClientRects()].filter(r => r.width > 0).map(r => r.top);
                return tops.length > 1 && Math.max(...tops) - Math.min(...tops) > parseFloat(getComputedStyle(td).lineHeight) * 0.8;
            }).map(td => td.textContent.trim())
            """);
        foreach (var cell in broken)
        {
            problems.Add($"{name}: the cell 「{cell}」 breaks over lines");
        }
    }

    private static string Name(string path) =>
        path == "/" ? "home" : string.Join('-', path.Trim('/').Split('/').Select(s => Guid.TryParse(s, out _) ? "id" : s.ToLowerInvariant()));
}
