using static CloudpackPlus.Browser.Tests.AwsJourney;
using static Microsoft.Playwright.Assertions;

namespace CloudpackPlus.Browser.Tests;

/// <summary>
/// SEC-L in Chromium on the simulated AWS: apply (one linked account, the charges and the workload acknowledged), the
/// CSM's scheduling meeting, the Well-Architected security pillar and Trusted Advisor security checks collected with
/// their live progress, the report listed and its PDF read back, completion with 5 tickets spent.
/// </summary>
[Collection(AwsJourneys.Name)]
public sealed class SecurityLiteJourneyTests(AwsBrowserAppFactory app, BrowserSession browser)
{
    [SkippableFact]
    [Trait("Spec", "SEC-L")]
    [Trait("Spec", "ELIG-3")]
    [Trait("Spec", "TOOL-1")]
    [Trait("Spec", "REPORT-1")]
    public async Task SecurityLite_IsApplied_Met_Collected_Reported_AndSpendsFiveTickets()
    {
        Skip.IfNot(BrowserSession.IsAvailable, Unavailable);
        var customer = await CustomerAsync(app, "SECL");
        var before = await BalanceAsync(app, customer.CompanyId);
        var page = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(page, customer.Representative);
        await page.GotoAsync("/Services");
        await page.ClickAsync("[data-test=apply-SEC-L]");
        await page.WaitForURLAsync("**/Services/Apply/SEC-L");
        await Expect(page.Locator("[data-test=apply-form]")).ToContainTextAsync("cloudpack+ SEC-L <アカウントID>");
        await page.ClickAsync("[data-test=submit-application]");
        await Expect(page.Locator("[data-test=error-account]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=error-awsCharges]")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "secl-01-refused");

        await page.SelectOptionAsync("[data-test=account]", customer.AccountId);
        await page.CheckAsync("[data-test=awsCharges-accept]");
        await page.ClickAsync("[data-test=submit-application]");
        await page.WaitForURLAsync(ApplicationPage());
        var applicationId = Guid.Parse(new Uri(page.Url).Segments[^1]);

        var staff = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(staff, customer.Csm);
        await CsmTaskAsync(app, staff, customer, "SEC-L の日程調整会議(1時間)の日程を登録してください", "meeting", async f =>
        {
            await f.Locator("[name=f_startsAt]").FillAsync(Slot(app));
            await f.Locator("[name=f_meetingUrl]").FillAsync("https://meet.example.jp/secl");
        }, "secl-02-meeting");

        // The review: AWS throttles the answers once; the back-off shows in the live progress.
        await FireTimerAsync(app, applicationId, () => app.Aws.InjectThrottling("ListAnswers", times: 3, retryAfterSeconds: 2), (page, customer.Representative));
        await ProgressShowsAsync(app, page, applicationId, "AWS throttled wellarchitected:ListAnswers: waiting");
        await BrowserSession.ScreenshotAsync(page, "secl-03-progress-throttled");
        app.Clock.Advance(TimeSpan.FromSeconds(20)); // the back-off (2, 4, 8 s) passes

        var rows = await ReportsListedAsync(app, page, applicationId);
        await BrowserSession.ScreenshotAsync(page, "secl-04-report-listed");
        var text = await PdfTextAsync(page, rows.First);
        Assert.Contains(customer.AccountId, text, StringComparison.Ordinal);
        Assert.Contains("MFA on Root Account", text, StringComparison.Ordinal);
        Assert.Contains("wellarchitected:ListAnswers", text, StringComparison.Ordinal);

        await page.ReloadAsync();
        await Expect(page.Locator("[data-test=status]")).ToContainTextAsync("完了", new() { Timeout = 60_000 });
        await BrowserSession.ScreenshotAsync(page, "secl-05-completed");
        Assert.Equal(before - 5, await BalanceAsync(app, customer.CompanyId));
        await EnglishAsync(app, page);
        await page.ReloadAsync();
        await BrowserSession.ScreenshotAsync(page, "secl-06-completed-en");
    }
}
