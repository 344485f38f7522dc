using System.Text;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Integrations.Aws.Simulation;
using CloudpackPlus.Portal.Tests.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudpackPlus.Browser.Tests;

/// <summary>
/// Issue #15, tools: the representative connects an account (a missing-permission round first), opens Trusted Advisor
/// (refreshed by the Hangfire job) and the charges chart, downloads the CSV; a company whose contract lacks the charges
/// tool sees the reason. Japanese, then English. Screenshots are named <c>tools-*.png</c>.
/// </summary>
public sealed class ToolsJourneyTests(AwsBrowserAppFactory app, BrowserSession browser)
    : IClassFixture<AwsBrowserAppFactory>, IClassFixture<BrowserSession>
{
    private const string Unavailable = $"{BrowserSession.ChromiumPath} is not installed (scripts/test.sh installs Debian's chromium)";

    [SkippableFact]
    [Trait("Spec", "TOOL-1")]
    [Trait("Spec", "TOOL-2")]
    [Trait("Spec", "TOOL-3")]
    public async Task RepresentativeConnects_SeesTrustedAdvisorAndCharges_DownloadsCsv_AndAGatedToolShowsTheReason()
    {
        Skip.IfNot(BrowserSession.IsAvailable, Unavailable);
        var (_, rep, _, accountId) = await app.CompanyAsync("TOOLJ", ContractType.BillingAgency);
        app.Aws.AddAccount(accountId).ProvisionWithout.Add("ce:GetCostAndUsage");
        var page = await browser.NewPageAsync(app.BaseUrl);
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                problems.Add("console: " + message.Text);
            }
        };
        await app.SignInAsync(page, rep);

        // Set-up: the menu, the external id and template; the first test names the missing permission.
        await page.ClickAsync("nav.main-nav >> text=ツール");
        await Expect(page.Locator("[data-test=external-id]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Za-z0-9]{40}$"));
        await page.ClickAsync($"[data-test=test-{accountId}]");
        await Expect(page.Locator("[data-test=missing]")).ToContainTextAsync("ce:GetCostAndUsage");
        await BrowserSession.ScreenshotAsync(page, "tools-01-missing-permission");

        // The customer updates the stack; the second test connects.
        app.Aws.AddAccount(accountId).Roles["CloudpackPlusReadOnly"].Permissions.Add("ce:GetCostAndUsage");
        await page.ClickAsync($"[data-test=test-{accountId}]");
        await Expect(page.Locator($"[data-test=account-{accountId}] [data-test=state]")).ToHaveTextAsync("接続済み");
        await BrowserSession.ScreenshotAsync(page, "tools-02-connected");

        // Trusted Advisor: the refresh runs as a job; the page reloads itself until the checks are there.
        await page.ClickAsync("[data-test=tools-nav] >> text=Trusted Advisor");
        await page.ClickAsync("[data-test=refresh]");
        await Expect(page.Locator("[data-test=ta-categories]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-test=ta-resource]").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=savings]")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "tools-03-trusted-advisor");

        // Charges: 概算, the chart drawn beside its table, the CSV.
        await page.ClickAsync("[data-test=tools-nav] >> text=AWS 利用料金");
        await page.ClickAsync("[data-test=refresh]");
        await Expect(page.Locator("[data-test=approximate]")).ToHaveTextAsync("概算");
        await Expect(page.Locator("canvas[data-chart=months][data-drawn=true]")).ToBeVisibleAsync();
        await Expect(page.Locator("canvas[data-chart=top][data-drawn=true]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=charges-months] tbody tr")).ToHaveCountAsync(12);
        await BrowserSession.ScreenshotAsync(page, "tools-04-charges");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-test=charges-csv]"));
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.StartsWith("account,month,service,amount,currency,estimated\r\n" + accountId, Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);

        // English.
        await page.GotoAsync("/Settings");
        await page.SelectOptionAsync("[data-test=language]", "en-US");
        await page.ClickAsync("[data-test=save-language]");
        await page.GotoAsync($"/Tools/Charges?account={accountId}");
        await Expect(page.Locator("[data-test=approximate]")).ToHaveTextAsync("Approximate");
        await Expect(page.Locator("canvas[data-chart=months][data-drawn=true]")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "tools-05-charges-en");

        // A company under the fixed-price plan only: the charges tool shows the reason instead of the data.
        var (_, gatedRep, _, gatedAccount) = await app.CompanyAsync("TOOLG", ContractType.FixedPricePlan);
        var gated = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(gated, gatedRep);
        await gated.GotoAsync($"/Tools/Charges?account={gatedAccount}");
        await Expect(gated.Locator("[data-test=tool-gated]")).ToContainTextAsync("AWS請求代行サービス");
        await Expect(gated.Locator("[data-test=refresh]")).ToHaveCountAsync(0);
        await BrowserSession.ScreenshotAsync(gated, "tools-06-gated");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
