using System.Text.RegularExpressions;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Accounts;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CloudpackPlus.Browser.Tests;

/// <summary>The portal as a customer meets it, in a real browser, on the demo company's data.</summary>
public sealed class PortalJourneyTests(BrowserAppFactory app, BrowserSession browser)
    : IClassFixture<BrowserAppFactory>, IClassFixture<BrowserSession>
{
    private async Task<Guid> DemoCompanyAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoreDbContext>().Companies.Where(c => c.Code == "DEMO").Select(c => c.Id).SingleAsync();
    }

    [SkippableFact]
    [Trait("Spec", "ONB-1")]
    [Trait("Spec", "ONB-2")]
    [Trait("Spec", "MFA-1")]
    [Trait("Spec", "CO-1")]
    [Trait("Spec", "ONB-3")]
    public async Task Representative_SignsInWithTheMailedPassword_ChangesIt_EnrolsMfa_SeesTheCompany_AddsAMember()
    {
        Skip.IfNot(BrowserSession.IsAvailable, $"{BrowserSession.ChromiumPath} is not installed (scripts/test.sh installs Debian's chromium)");
        var company = await DemoCompanyAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var issued = await scope.ServiceProvider.GetRequiredService<AccountService>().IssueAsync(
                new NewAccount(company, "daihyo@demo.example.jp", "代表 花子", PersonRole.Representative), Actor.System, CancellationToken.None);
            Assert.True(issued.Succeeded);
        }

        var temporary = MailText.TemporaryPassword(await app.Smtp.WaitForAsync("daihyo@demo.example.jp"));
        var page = await browser.NewPageAsync(app.BaseUrl);

        await page.GotoAsync("/");
        await BrowserSession.ScreenshotAsync(page, "01-login");
        await app.SignInAsync(page, "daihyo@demo.example.jp", temporary, null);

        await page.WaitForURLAsync(new Regex("/Account/ChangePassword"));
        await Assertions.Expect(page.Locator("[data-test=forced]")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "02-change-password");
        await page.FillAsync("#current", temporary);
        await page.FillAsync("#new", "Journey-Passw0rd-2026");
        await page.FillAsync("#confirm", "Journey-Passw0rd-2026");
        await page.ClickAsync("[data-test=change-password]");

        await page.WaitForURLAsync(new Regex("/Account/Mfa/Enrol"));
        await Assertions.Expect(page.Locator(".qr img")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "03-mfa-enrol");
        var key = (await page.TextContentAsync("[data-test=manual-key]"))!.Trim();
        await page.FillAsync("#code", app.NextCode(key));
        await page.ClickAsync("[data-test=verify]");
        await Assertions.Expect(page.Locator("[data-test=recovery-codes] li")).ToHaveCountAsync(10);
        await BrowserSession.ScreenshotAsync(page, "04-recovery-codes");

        await page.ClickAsync("[data-test=continue]");
        await Assertions.Expect(page.Locator("[data-test=home-summary]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=balance]")).ToContainTextAsync("枚");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("2027年3月31日");
        await BrowserSession.ScreenshotAsync(page, "05-home");

        await page.ClickAsync("nav >> text=企業情報");
        await Assertions.Expect(page.Locator("[data-test=ticket-history] tbody tr")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-test=ticket-history]")).ToContainTextAsync("付与");
        await Assertions.Expect(page.Locator("[data-test=aws-accounts]")).ToContainTextAsync("あり");
        await BrowserSession.ScreenshotAsync(page, "06-company");

        await page.ClickAsync("nav >> text=ユーザー");
        await BrowserSession.ScreenshotAsync(page, "07-users");
        await page.ClickAsync("[data-test=create-user]");
        await page.FillAsync("#Form_DisplayName", "新入 社員");
        await page.FillAsync("#Form_Email", "shinnyu@demo.example.jp");
        await BrowserSession.ScreenshotAsync(page, "08-user-create");
        await page.ClickAsync("[data-test=save]");
        await Assertions.Expect(page.Locator("[data-test=flash]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=user-details]")).ToContainTextAsync("shinnyu@demo.example.jp");
        await BrowserSession.ScreenshotAsync(page, "09-user-created");
        Assert.False(string.IsNullOrEmpty(MailText.TemporaryPassword(await app.Smtp.WaitForAsync("shinnyu@demo.example.jp"))));

        await page.ClickAsync("[data-test=sign-out]");
        await page.WaitForURLAsync(new Regex("/Account/Login"));
        await page.GotoAsync("/Company");
        await page.WaitForURLAsync(new Regex("/Account/Login"));
    }

    [SkippableFact]
    [Trait("Spec", "USER-1")]
    public async Task Member_CannotReachUserCreation()
    {
        Skip.IfNot(BrowserSession.IsAvailable, $"{BrowserSession.ChromiumPath} is not installed");
        var member = await app.CreateAccountAsync(await DemoCompanyAsync(), PersonRole.Member, "member-browser@demo.example.jp");
        var page = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(page, member.Email, member.Password, member.TotpKey);
        await page.WaitForURLAsync(new Regex("/$"));

        await page.GotoAsync("/Users");
        await Assertions.Expect(page.Locator("[data-test=users]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=create-user]")).ToHaveCountAsync(0);
        var response = await page.GotoAsync("/Users/Create");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("アクセスできません");
        await BrowserSession.ScreenshotAsync(page, "10-member-denied");
    }

    [SkippableFact]
    public async Task CompanyAUser_GetsNotFound_ForCompanyBsUserPage()
    {
        Skip.IfNot(BrowserSession.IsAvailable, $"{BrowserSession.ChromiumPath} is not installed");
        var companyB = await app.CreateCompanyAsync("BROWSERB", "ビー株式会社");
        var userB = await app.CreateAccountAsync(companyB, PersonRole.Member, "user@browserb.example.jp");
        var repA = await app.CreateAccountAsync(await DemoCompanyAsync(), PersonRole.Representative, "rep-browser@demo.example.jp");
        var page = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(page, repA.Email, repA.Password, repA.TotpKey);
        await page.WaitForURLAsync(new Regex("/$"));

        var response = await page.GotoAsync($"/Users/{userB.UserId}");

        Assert.Equal(404, response!.Status);
        Assert.DoesNotContain("user@browserb.example.jp", await page.ContentAsync(), StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "11-other-company-404");
    }
}
