using System.Text;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudpackPlus.Browser.Tests;

/// <summary>
/// Issue #14 §8: a CSM opens the customer-success dashboard; every chart is drawn by the esbuild bundle (a canvas,
/// no console error, no CSP violation) beside its table; a table downloads as CSV; Japanese, then English.
/// Screenshots are named <c>dashboard-*.png</c>.
/// </summary>
public sealed class DashboardJourneyTests(BrowserAppFactory app, BrowserSession browser)
    : IClassFixture<BrowserAppFactory>, IClassFixture<BrowserSession>
{
    private const string Unavailable = $"{BrowserSession.ChromiumPath} is not installed (scripts/test.sh installs Debian's chromium)";

    [SkippableFact]
    [Trait("Spec", "TKT-4")]
    [Trait("Spec", "RANK-1")]
    public async Task CsmSeesChartsWithTables_DownloadsCsv_InJapaneseAndEnglish()
    {
        Skip.IfNot(BrowserSession.IsAvailable, Unavailable);
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, "csm@dashboard.cloudpack.example.jp");
        await SeedAsync(csm);
        var page = await browser.NewPageAsync(app.BaseUrl);
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            // A failed load is checked by its response below (the browser's own favicon request is not the page's).
            if (message.Type is "error" or "warning" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !response.Url.EndsWith("/favicon.ico", StringComparison.Ordinal))
            {
                problems.Add($"{response.Status} {response.Url}");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        await app.SignInAsync(page, csm);

        await page.GotoAsync("/Staff/Dashboard");
        await ExpectChartsAsync(page);
        await Expect(page.Locator("[data-test=table-unused]")).ToContainTextAsync("DASH-UNUSED");
        await Expect(page.Locator("[data-test=table-low]")).ToContainTextAsync("DASH-LOW");
        await Expect(page.Locator("h1")).ToHaveTextAsync("カスタマーサクセス ダッシュボード");
        await BrowserSession.ScreenshotAsync(page, "dashboard-01-ja");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-test=csv-tickets]"));
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path!);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        // Lapsed and adjustment columns appear only when some row has them (the demo's top-ups are adjustments).
        var header = csv[..csv.IndexOf("\r\n", StringComparison.Ordinal)];
        Assert.Matches("^ランク,企業数,付与,使用,(失効,)?(調整,)?残り$", header);
        // The CSV holds what the table shows (the host's demo data may add companies beside the two seeded here).
        var shown = await page.Locator("[data-test=table-tickets] tbody tr").EvaluateAllAsync<string[]>(
            "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent.trim()).join(','))");
        Assert.Equal([header, .. shown], csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(shown, r => r.StartsWith("シルバー,1,5,4,", StringComparison.Ordinal) && r.EndsWith(",1", StringComparison.Ordinal));

        await page.GotoAsync("/Settings");
        await page.SelectOptionAsync("[data-test=language]", "en-US");
        await page.ClickAsync("[data-test=save-language]");
        await page.GotoAsync("/Staff/Dashboard?scope=mine");
        await ExpectChartsAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Customer-success dashboard");
        await Expect(page.Locator("[data-test=table-tickets]")).ToContainTextAsync("Granted");
        await BrowserSession.ScreenshotAsync(page, "dashboard-02-en");

        Assert.True(problems.Count == 0, string.Join("\n", problems)); // a CSP violation is reported as a console error
    }

    private static async Task ExpectChartsAsync(IPage page)
    {
        foreach (var key in new[] { "tickets", "unused", "low", "proposals", "applications", "overdue" })
        {
            await Expect(page.Locator($"canvas[data-chart={key}]")).ToHaveAttributeAsync("data-drawn", "true");
            await Expect(page.Locator($"[data-test=table-{key}]")).ToBeVisibleAsync();
        }

        // Chart.js sized the canvas to its box: it has drawn, not just been found.
        var width = await page.Locator("canvas[data-chart=tickets]").EvaluateAsync<int>("c => c.width");
        Assert.True(width > 100, $"canvas width {width}");
    }

    private async Task SeedAsync(TestAccount csm)
    {
        foreach (var (code, rank, spent) in new[] { ("DASH-UNUSED", Rank.Gold, 0), ("DASH-LOW", Rank.Silver, 4) })
        {
            var id = await app.CreateCompanyAsync(code, code + " 株式会社");
            await app.EnrolAsync(id, csm, rank);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE core.companies SET owning_csm_id = {csm.PersonId} WHERE id = {id}");
            if (spent > 0)
            {
                await scope.ServiceProvider.GetRequiredService<TicketLedger>().ReserveAsync(new TicketSpendRequest(id, Guid.CreateVersion7(), spent, "TRAIN-1", csm.PersonId));
            }
        }
    }
}
