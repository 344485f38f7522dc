using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Integrations.Aws.Trust;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static CloudpackPlus.Browser.Tests.AwsJourney;
using static Microsoft.Playwright.Assertions;

namespace CloudpackPlus.Browser.Tests;

/// <summary>
/// ACCT-D in Chromium on the simulated AWS: the apply form's ACCT-1 acknowledgement and an unlinked account refused
/// (ELIG-3), the role task with its quick-create link and template download, "test connection" naming the permission
/// the role lacks, the settle day, the collection's live progress with its total and AWS's throttling, the report
/// listed and its PDF read back, the clean-up and role deletion tasks, the CSM's review and the 5 tickets spent.
/// </summary>
[Collection(AwsJourneys.Name)]
public sealed class AccountDiagnosisJourneyTests(AwsBrowserAppFactory app, BrowserSession browser)
{
    private const string Role = "CloudpackPlusDiagnosis";

    [SkippableFact]
    [Trait("Spec", "ACCT-D")]
    [Trait("Spec", "ACCT-1")]
    [Trait("Spec", "ELIG-3")]
    [Trait("Spec", "TOOL-1")]
    [Trait("Spec", "REPORT-1")]
    public async Task Diagnosis_IsApplied_Connected_Collected_Reported_Reviewed_AndSpendsFiveTickets()
    {
        Skip.IfNot(BrowserSession.IsAvailable, Unavailable);
        var customer = await CustomerAsync(app, "ACCTD", findings: 1_850);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var externalId = (await scope.ServiceProvider.GetRequiredService<RoleTrustService>().GetSetupAsync(customer.CompanyId)).ExternalId;
            customer.Aws.WithRole(Role, externalId, AwsRolePurpose.Diagnosis).WithoutPermission(Role, "securityhub:GetFindings");
        }

        var before = await BalanceAsync(app, customer.CompanyId);
        var page = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(page, customer.Representative);
        await page.GotoAsync("/Services");
        await page.ClickAsync("[data-test=apply-ACCT-D]");
        await page.WaitForURLAsync("**/Services/Apply/ACCT-D");
        // ACCT-1: the charges are shown before submitting, as the acknowledgement's text and help.
        var form = page.Locator("[data-test=apply-form]");
        await Expect(form).ToContainTextAsync("AWS Config と AWS Security Hub の利用料金がAWSから御社に請求されることを了承します");
        await Expect(form).ToContainTextAsync("これらの料金は当社ではなくAWSから御社に請求されます");
        await Expect(page.Locator("[data-test=account] option[value='" + customer.AccountId + "']")).ToHaveCountAsync(1);

        // Refused on the server: an account id that is not the company's (posted), and no acknowledgement.
        await page.Locator("[data-test=account]").EvaluateAsync("s => { s.options[1].value = '999999999999'; s.selectedIndex = 1; }");
        await page.CheckAsync("[data-test=standards-fsbp-cis]");
        await page.Locator("[name=f_chargesAcknowledged]").EvaluateAsync("e => e.required = false");
        await BrowserSession.ScreenshotAsync(page, "acctd-01-apply-form");
        await page.ClickAsync("[data-test=submit-application]");
        var body = page.Locator("body");
        await Expect(body).ToContainTextAsync("貴社にリンクされたAWSアカウントを選択してください");
        await Expect(page.Locator("[data-test=error-chargesAcknowledged]")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "acctd-02-refused");

        await page.SelectOptionAsync("[data-test=account]", customer.AccountId);
        await page.CheckAsync("[data-test=standards-fsbp-cis]");
        await page.CheckAsync("[name=f_chargesAcknowledged]");
        await page.ClickAsync("[data-test=submit-application]");
        await page.WaitForURLAsync(ApplicationPage());
        var applicationId = Guid.Parse(new Uri(page.Url).Segments[^1]);

        // The role task: the portal's quick-create link (it redirects to the console with the external id filled in; the
        // id itself is never stored in the task, issue #17), the template download, then "test connection".
        var roleTask = page.Locator("[data-test=customer-task]", new() { HasText = "診断用IAMロールを作成してください" });
        var quickCreatePath = $"/Applications/{applicationId}/DiagnosisRole?handler=QuickCreate";
        await Expect(roleTask).ToContainTextAsync(quickCreatePath, new() { Timeout = 60_000 });
        await Expect(roleTask).Not.ToContainTextAsync("param_ExternalId=");
        await Expect(roleTask.Locator($"a[href='{quickCreatePath}']")).ToBeVisibleAsync(); // the help's links are clickable
        var quickCreate = await page.APIRequest.GetAsync(quickCreatePath, new() { MaxRedirects = 0 });
        Assert.Equal(302, quickCreate.Status);
        Assert.Contains("#/stacks/quickcreate?templateURL=", quickCreate.Headers["location"], StringComparison.Ordinal);
        Assert.Contains("param_ExternalId=", quickCreate.Headers["location"], StringComparison.Ordinal);
        var template = await page.APIRequest.GetAsync($"/Applications/{applicationId}/DiagnosisRole");
        Assert.Equal(200, template.Status);
        Assert.Contains("config:PutConfigurationRecorder", await template.TextAsync(), StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "acctd-03-create-role");
        await page.CheckAsync("[data-test=task-form-create-role] [name=f_created]");
        await page.ClickAsync("[data-test=complete-create-role]");

        // The connection test names exactly the permission the role lacks; the customer adds it and tests again.
        var fixTask = page.Locator("[data-test=customer-task]", new() { HasText = "securityhub:GetFindings" });
        await ReloadUntilAsync(page, fixTask);
        await Expect(fixTask).Not.ToContainTextAsync("securityhub:DescribeHub");
        await BrowserSession.ScreenshotAsync(page, "acctd-04-missing-permission");
        customer.Aws.Roles[Role].Permissions.Add("securityhub:GetFindings");
        await page.CheckAsync("[data-test=task-form-fix-role] [name=f_fixed]");
        await page.ClickAsync("[data-test=complete-fix-role]");

        // Security Hub is turned on, the findings settle for a business day; AWS throttles the first page.
        await FireTimerAsync(app, applicationId, () => app.Aws.InjectThrottling("GetFindings", times: 1, retryAfterSeconds: 30), (page, customer.Representative));
        Assert.True(customer.Aws.SecurityHubEnabled);
        await ProgressShowsAsync(app, page, applicationId, "0 / 1,850 findings; AWS is throttling, retrying in 30 s");
        await BrowserSession.ScreenshotAsync(page, "acctd-05-progress-throttled");
        app.Clock.Advance(TimeSpan.FromSeconds(31)); // the back-off AWS asked for passes

        var rows = await ReportsListedAsync(app, page, applicationId);
        await Expect(page.Locator("[data-test=application-reports]")).ToContainTextAsync("ACCT-D v");
        await BrowserSession.ScreenshotAsync(page, "acctd-06-report-listed");
        var text = await PdfTextAsync(page, rows.First);
        Assert.Contains(customer.AccountId, text, StringComparison.Ordinal);
        Assert.Contains("1,850", text, StringComparison.Ordinal);
        Assert.Contains("IAM.6", text, StringComparison.Ordinal);
        Assert.Contains("securityhub:GetFindings", text, StringComparison.Ordinal);

        // Clean-up: turn off only what the diagnosis turned on, delete the role's stack; then the CSM's review.
        await page.ReloadAsync();
        await page.CheckAsync("[data-test=task-form-cleanup] [data-test=undo-disable]");
        await page.ClickAsync("[data-test=complete-cleanup]");
        var deleteTask = page.Locator("[data-test=task-form-delete-role]");
        await ReloadUntilAsync(page, deleteTask);
        Assert.False(customer.Aws.SecurityHubEnabled);
        customer.Aws.DeleteRole(Role);
        await deleteTask.Locator("[name=f_deleted]").CheckAsync();
        await page.ClickAsync("[data-test=complete-delete-role]");

        var staff = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(staff, customer.Csm);
        await CsmTaskAsync(app, staff, customer, "AWSアカウント診断の結果を確認してください", "review",
            f => f.Locator("[name=f_summary]").FillAsync("ルートユーザーのMFA(IAM.6)を最優先で対応してください。"), "acctd-07-csm-review");

        await page.ReloadAsync();
        await Expect(page.Locator("[data-test=status]")).ToContainTextAsync("完了");
        await BrowserSession.ScreenshotAsync(page, "acctd-08-completed");
        Assert.Equal(before - 5, await BalanceAsync(app, customer.CompanyId));

        // The same page in English.
        await EnglishAsync(app, page);
        await page.ReloadAsync();
        await Expect(page.Locator("[data-test=application-reports]")).ToContainTextAsync("ACCT-D v");
        await BrowserSession.ScreenshotAsync(page, "acctd-09-completed-en");
    }

    [Fact]
    [Trait("Spec", "ACCT-D")]
    [Trait("Spec", "COST-L")]
    [Trait("Spec", "SEC-L")]
    [Trait("Spec", "REPORT-1")]
    public async Task TheDemoCompany_HasAFinishedApplicationOfEachAwsService_WithItsReports()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var demo = await core.Companies.Where(c => c.Code == "DEMO").Select(c => c.Id).SingleAsync();
        foreach (var service in new[] { "ACCT-D", "COST-L", "SEC-L" })
        {
            var application = await core.Applications.IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.CompanyId == demo && a.ServiceId == service);
            Assert.Equal(ApplicationStatus.Completed, application.Status);
            var reports = await core.Reports.IgnoreQueryFilters().AsNoTracking().Where(r => r.ApplicationId == application.Id)
                .Select(r => new { r.Culture, PdfBytes = r.Pdf.Length }).ToListAsync();
            Assert.Equal(["en-US", "ja-JP"], reports.Select(r => r.Culture).Order());
            Assert.All(reports, r => Assert.True(r.PdfBytes > 1000));
        }
    }

    private static async Task ReloadUntilAsync(IPage page, ILocator locator)
    {
        for (var i = 0; i < 30 && await locator.CountAsync() == 0; i++)
        {
            await Task.Delay(2_000);
            await page.ReloadAsync();
        }

        await Expect(locator).ToBeVisibleAsync();
    }
}
