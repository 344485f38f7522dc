using System.Text.RegularExpressions;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CloudpackPlus.Browser.Tests;

/// <summary>
/// The acceptance test of services as data: a brand-new service (workflow definition, terms, catalogue row
/// with an apply form using account, list, date and terms fields) is created through the HTTP APIs only,
/// and a representative applies for it in Chromium — refused first (16 actions, terms not accepted),
/// then accepted — with no code written for that service.
/// </summary>
public sealed partial class ServiceAsDataJourneyTests(BrowserAppFactory app, BrowserSession browser)
    : IClassFixture<BrowserAppFactory>, IClassFixture<BrowserSession>
{
    private const string Unavailable = $"{BrowserSession.ChromiumPath} is not installed (scripts/test.sh installs Debian's chromium)";

    private const string Definition = """
        { "definitionId": "web-scan-lite-test", "name": "Web scan (test)",
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "schedule", "type": "HumanTask", "inputs": {
                "title": "診断日程を調整してください", "titleEn": "Schedule the scan", "role": "csm", "dueInBusinessDays": 2,
                "resultVariable": "schedule",
                "form": { "fields": [ { "name": "date", "type": "date", "required": true, "label": { "ja": "診断日", "en": "Scan date" } } ] } } },
            { "id": "end", "type": "End" } ],
          "connections": [
            { "from": "start", "outcome": "Done", "to": "schedule" },
            { "from": "schedule", "outcome": "Done", "to": "end" } ] }
        """;

    [GeneratedRegex("/Applications/[0-9a-f-]{36}$")]
    private static partial Regex ApplicationPage();

    /// <summary>The admin's calls, made with the admin's browser session (its cookies) like any HTTP client would.</summary>
    private async Task CreateServiceThroughTheApisAsync()
    {
        var admin = await app.CreateAccountAsync(null, PersonRole.Admin, "admin@sad.cloudpack.example.jp");
        var page = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(page, admin);
        var api = page.APIRequest;
        var imported = await api.PostAsync($"{app.BaseUrl}/api/workflows/definitions/import?publish=true", new()
        {
            Data = Definition, Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        });
        Assert.Equal(200, imported.Status);
        var terms = await api.PutAsync($"{app.BaseUrl}/api/terms/web-scan-test", new()
        {
            DataObject = new
            {
                titleJa = "Web脆弱性診断 利用規約", titleEn = "Web scan terms", textJa = "第1条 診断は最大15アクションまでとします。", textEn = "Article 1: at most 15 actions.",
            },
        });
        Assert.Equal(200, terms.Status);
        var service = await api.PutAsync($"{app.BaseUrl}/api/services/WEB-TEST", new()
        {
            DataObject = new
            {
                nameJa = "Web脆弱性診断(テスト)", nameEn = "Web scan (test)", category = "Security", descriptionJa = "データだけで追加したサービス",
                descriptionEn = "A service added as data", workflowDefinitionId = "web-scan-lite-test", ticketCost = 3, customerCancellable = false, sortOrder = 5,
                applyForm = new
                {
                    fields = new object[]
                    {
                        new { name = "account", type = "account", required = true, label = new { ja = "対象AWSアカウント", en = "AWS account" } },
                        new { name = "actions", type = "list", minItems = 1, maxItems = 15, maxLength = 500, label = new { ja = "診断対象のアクション(URL)", en = "Actions (URLs)" } },
                        new { name = "start", type = "date", required = true, minBusinessDaysAhead = 20, label = new { ja = "希望開始日", en = "Wished start" } },
                        new { name = "terms", type = "terms", terms = "web-scan-test", label = new { ja = "利用規約", en = "Terms" } },
                    },
                },
            },
        });
        Assert.True(service.Status == 200, await service.TextAsync());
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    [Trait("Spec", "WEB-1")]
    [Trait("Spec", "WEB-2")]
    [Trait("Spec", "WEB-5")]
    [Trait("Spec", "ELIG-3")]
    [Trait("Spec", "APP-1")]
    public async Task NewService_CreatedThroughTheApis_IsAppliedForInTheBrowser_WithItsRulesEnforced()
    {
        Skip.IfNot(BrowserSession.IsAvailable, Unavailable);
        await CreateServiceThroughTheApisAsync();
        var company = await app.CreateCompanyAsync("SADATA", "データ駆動株式会社");
        var representative = await app.CreateAccountAsync(company, PersonRole.Representative, "rep@sadata.example.jp");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, "csm@sadata.cloudpack.example.jp");
        await app.EnrolAsync(company, csm);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AwsAccountService>().LinkAsync(company, "468013579246", true, "本番", csm.PersonId);
        }

        var page = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(page, representative);
        await page.GotoAsync("/Services");
        await page.ClickAsync("[data-test=apply-WEB-TEST]");
        await page.WaitForURLAsync("**/Services/Apply/WEB-TEST");
        await Expect(page.Locator("[data-test=terms-text-terms]")).ToContainTextAsync("最大15アクション");
        await Expect(page.Locator("[data-test=earliest-start]")).ToBeVisibleAsync();
        var earliest = await page.Locator("[data-test=start]").GetAttributeAsync("min");
        await page.SelectOptionAsync("[data-test=account]", "468013579246");
        await page.FillAsync("[data-test=actions]", string.Join("\n", Enumerable.Range(1, 16).Select(i => $"https://shop.example.jp/action/{i}")));
        await page.FillAsync("[data-test=start]", earliest!);
        await page.ClickAsync("[data-test=submit-application]");

        await Expect(page.Locator("body")).ToContainTextAsync("最大 15 件までです");
        await Expect(page.Locator("body")).ToContainTextAsync("規約への同意が必要です");
        await BrowserSession.ScreenshotAsync(page, "service-as-data-01-refused");

        await page.FillAsync("[data-test=actions]", string.Join("\n", Enumerable.Range(1, 15).Select(i => $"https://shop.example.jp/action/{i}")));
        await page.CheckAsync("[data-test=terms]");
        await page.ClickAsync("[data-test=submit-application]");
        await page.WaitForURLAsync(ApplicationPage());

        await Expect(page.Locator("[data-test=status]")).ToContainTextAsync("受付済み");
        await Expect(page.Locator("[data-test=application-summary]")).ToContainTextAsync("https://shop.example.jp/action/15");
        await Expect(page.Locator("[data-test=accepted-terms]")).ToContainTextAsync("web-scan-test v1");
        await Expect(page.Locator("[data-test=timeline]")).ToContainTextAsync("お申し込み");
        await BrowserSession.ScreenshotAsync(page, "service-as-data-02-applied");
    }
}
