using static CloudpackPlus.Browser.Tests.AwsJourney;
using static Microsoft.Playwright.Assertions;

namespace CloudpackPlus.Browser.Tests;

/// <summary>
/// COST-L in Chromium on the simulated AWS: the apply form (one linked account, the AWS charges acknowledged), the
/// CSM's kick-off meeting in business hours, the collection (Trusted Advisor, Compute Optimizer, Cost Explorer) with
/// its live progress and AWS's throttling, the report listed and its PDF read back, the report meeting, 5 tickets spent.
/// </summary>
[Collection(AwsJourneys.Name)]
public sealed class CostLiteJourneyTests(AwsBrowserAppFactory app, BrowserSession browser)
{
    [SkippableFact]
    [Trait("Spec", "COST-L")]
    [Trait("Spec", "ELIG-3")]
    [Trait("Spec", "TOOL-1")]
    [Trait("Spec", "REPORT-1")]
    public async Task CostLite_IsApplied_Met_Collected_Reported_AndSpendsFiveTickets()
    {
        Skip.IfNot(BrowserSession.IsAvailable, Unavailable);
        var customer = await CustomerAsync(app, "COSTL");
        var before = await BalanceAsync(app, customer.CompanyId);
        var page = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(page, customer.Representative);
        await page.GotoAsync("/Services");
        await page.ClickAsync("[data-test=apply-COST-L]");
        await page.WaitForURLAsync("**/Services/Apply/COST-L");
        await Expect(page.Locator("[data-test=apply-form]")).ToContainTextAsync("Cost Explorer API は1リクエストあたり0.01 USD");

        // Not acknowledged, and an account the company does not have: both refused by the server.
        await page.Locator("[data-test=account]").EvaluateAsync("s => { s.options[1].value = '111111111111'; s.selectedIndex = 1; }");
        await page.ClickAsync("[data-test=submit-application]");
        await Expect(page.Locator("body")).ToContainTextAsync("貴社にリンクされたAWSアカウントを選択してください");
        await Expect(page.Locator("[data-test=error-awsCharges]")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "costl-01-refused");

        await page.SelectOptionAsync("[data-test=account]", customer.AccountId);
        await page.FillAsync("[data-test=focus]", "EC2 と EBS の費用を下げたい");
        await page.CheckAsync("[data-test=awsCharges-accept]");
        await page.ClickAsync("[data-test=submit-application]");
        await page.WaitForURLAsync(ApplicationPage());
        var applicationId = Guid.Parse(new Uri(page.Url).Segments[^1]);

        // The CSM books the kick-off meeting; its time comes.
        var staff = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(staff, customer.Csm);
        await CsmTaskAsync(app, staff, customer, "COST-L のキックオフ会議(1時間)の日程を登録してください", "kickoff", async f =>
        {
            await f.Locator("[name=f_startsAt]").FillAsync(Slot(app));
            await f.Locator("[name=f_meetingUrl]").FillAsync("https://meet.example.jp/costl");
        }, "costl-02-kickoff");
        await page.ReloadAsync();
        await Expect(page.Locator("[data-test=status]")).ToContainTextAsync("日程確定");

        // The collection: AWS throttles Compute Optimizer once; the back-off shows in the live progress.
        await FireTimerAsync(app, applicationId, () => app.Aws.InjectThrottling("GetEBSVolumeRecommendations", times: 3, retryAfterSeconds: 2), (page, customer.Representative));
        await ProgressShowsAsync(app, page, applicationId, "AWS throttled compute-optimizer:GetEBSVolumeRecommendations: waiting");
        await BrowserSession.ScreenshotAsync(page, "costl-03-progress-throttled");
        app.Clock.Advance(TimeSpan.FromSeconds(20)); // the back-off (2, 4, 8 s) passes

        var rows = await ReportsListedAsync(app, page, applicationId);
        await BrowserSession.ScreenshotAsync(page, "costl-04-report-listed");
        var text = await PdfTextAsync(page, rows.First);
        Assert.Contains(customer.AccountId, text, StringComparison.Ordinal);
        Assert.Contains("Low Utilization Amazon EC2 Instances", text, StringComparison.Ordinal);
        Assert.Contains("ce:GetCostAndUsage", text, StringComparison.Ordinal);
        Assert.Contains("USD", text, StringComparison.Ordinal);

        await CsmTaskAsync(app, staff, customer, "COST-L の報告・提案会議(1時間)を実施し、記録してください", "report-meeting", async f =>
        {
            await f.Locator("[name=f_heldAt]").FillAsync(Slot(app, 3));
            await f.Locator("[name=f_summary]").FillAsync("EBS の gp3 移行から着手することで合意しました。");
        });
        await page.ReloadAsync();
        await Expect(page.Locator("[data-test=status]")).ToContainTextAsync("完了");
        await BrowserSession.ScreenshotAsync(page, "costl-05-completed");
        Assert.Equal(before - 5, await BalanceAsync(app, customer.CompanyId));
        await EnglishAsync(app, page);
        await page.ReloadAsync();
        await BrowserSession.ScreenshotAsync(page, "costl-06-completed-en");
    }
}
