using System.Text;
using System.Text.RegularExpressions;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Terms;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudpackPlus.Browser.Tests;

/// <summary>
/// WEB-L in Chromium: the hearing sheet refused (16 actions, terms not accepted, a date before the earliest, a private
/// target) then accepted, a cancel attempt refused, triage and schedule by the CSM, the customer's confirmation and
/// checklist, the partner engineer's scan with the report upload, the CSM's review, delivery; the statistics export;
/// and the catalogue closed for the year when the capacity is used up.
/// </summary>
public sealed partial class WebScanJourneyTests(BrowserAppFactory app, BrowserSession browser)
    : IClassFixture<BrowserAppFactory>, IClassFixture<BrowserSession>
{
    private const string Unavailable = $"{BrowserSession.ChromiumPath} is not installed (scripts/test.sh installs Debian's chromium)";

    [GeneratedRegex("/Applications/[0-9a-f-]{36}$")]
    private static partial Regex ApplicationPage();

    [GeneratedRegex("/Staff/Tasks/[0-9a-f-]{36}$")]
    private static partial Regex TaskPage();

    private async Task CsmTaskAsync(IPage staff, TestAccount csm, string company, string title, string node, Func<ILocator, Task> fill)
    {
        await app.OpenAsync(staff, csm, "/Staff/Tasks");
        var row = staff.Locator("[data-test=inbox-row]", new() { HasText = company }).Filter(new() { HasText = title });
        await Expect(row).ToHaveCountAsync(1);
        await row.Locator("[data-test=open-task]").ClickAsync();
        await staff.WaitForURLAsync(TaskPage());
        await staff.ClickAsync("[data-test=claim]");
        var form = staff.Locator($"[data-test=task-form-{node}]");
        await fill(form);
        await staff.ClickAsync($"[data-test=complete-{node}]");
        await Expect(staff.Locator("[data-test=flash]")).ToBeVisibleAsync();
    }

    [SkippableFact]
    [Trait("Spec", "WEB-L")]
    [Trait("Spec", "WEB-1")]
    [Trait("Spec", "WEB-2")]
    [Trait("Spec", "WEB-3")]
    [Trait("Spec", "WEB-4")]
    [Trait("Spec", "WEB-5")]
    [Trait("Spec", "WEB-6")]
    [Trait("Spec", "WEB-7")]
    [Trait("Spec", "TKT-5")]
    public async Task Scan_IsApplied_Scheduled_Prepared_Scanned_Reviewed_AndDelivered_WithEveryRefusal()
    {
        Skip.IfNot(BrowserSession.IsAvailable, Unavailable);
        const string name = "Web診断株式会社";
        var company = await app.CreateCompanyAsync("WEBL", name);
        var representative = await app.CreateAccountAsync(company, PersonRole.Representative, "rep@webl.example.jp");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, "csm-webl@cloudpack.example.jp");
        var partner = await app.CreateAccountAsync(null, PersonRole.Partner, "engineer@kdsec.example.jp");
        await app.EnrolAsync(company, csm);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var terms = scope.ServiceProvider.GetRequiredService<TermsService>();
            await terms.PublishAsync("kdsec-scan-terms", "Web脆弱性診断 利用規約", "Scan terms", "第2条 お申し込み後のキャンセルはできません。", "No cancellation.", csm.PersonId);
            await terms.PublishAsync("kdsec-scan-spec", "Web脆弱性診断 サービス仕様書", "Scan specification", "診断は最大15アクションまでです。", "At most 15 actions.", csm.PersonId);
            var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            await core.Companies.Where(c => c.Id == company).ExecuteUpdateAsync(u => u.SetProperty(c => c.Industry, "情報通信業"));
        }

        // The hearing sheet, refused for every rule at once.
        var customer = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(customer, representative);
        await customer.GotoAsync("/Services");
        await customer.ClickAsync("[data-test=apply-WEB-L]");
        await customer.WaitForURLAsync("**/Services/Apply/WEB-L", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        await Expect(customer.Locator("[data-test=terms-text-specification]")).ToContainTextAsync("最大15アクション");
        await Expect(customer.Locator("[data-test=earliest-period1From]")).ToContainTextAsync("2026");
        var earliest = (await customer.Locator("[data-test=period1From]").GetAttributeAsync("min"))!;
        Assert.Equal("2026-06-08", earliest); // 2026-05-11 + 20 business days
        await customer.FillAsync("[data-test=targets]", "https://shop.webl.example.co.jp/\nhttp://192.168.10.5/admin");
        await customer.CheckAsync("[data-test=environment-staging]");
        await customer.Locator("[data-test=period1From]").ClickAsync();
        await Expect(customer.Locator(".date-picker [data-date='2026-06-05']")).ToBeDisabledAsync();  // before the earliest date
        await Expect(customer.Locator(".date-picker [data-date='2026-06-13']")).ToBeDisabledAsync();  // a Saturday
        await Expect(customer.Locator(".date-picker [data-date='2026-06-08']")).ToBeEnabledAsync();
        await BrowserSession.ScreenshotAsync(customer, "webl-01-date-picker");
        await customer.FillAsync("[data-test=period1From]", "2026-06-05");
        await customer.Keyboard.PressAsync("Escape");
        await customer.FillAsync("[data-test=period1To]", "2026-06-12");
        await customer.FillAsync("[data-test=actions]", string.Join("\n", Enumerable.Range(1, 16).Select(i => $"アクション{i}")));
        await customer.FillAsync("[data-test=contactName]", "山田 太郎");
        await customer.FillAsync("[data-test=contactPhone]", "03-1234-5678");
        await customer.FillAsync("[data-test=contactEmail]", "yamada@webl.example.jp");
        // The browser would not send a day the picker refuses: the server's own check is what this test is about.
        await customer.Locator("[data-test=period1From]").EvaluateAsync("e => e.setCustomValidity('')");
        await customer.ClickAsync("[data-test=submit-application]");
        var body = customer.Locator("body");
        await Expect(body).ToContainTextAsync("最大 15 件までです");
        await Expect(body).ToContainTextAsync("規約への同意が必要です");
        await Expect(body).ToContainTextAsync("2026-06-08 以降の日付を指定してください");
        await Expect(body).ToContainTextAsync("http://192.168.10.5/admin");
        await BrowserSession.ScreenshotAsync(customer, "webl-02-refused");

        await customer.FillAsync("[data-test=targets]", "https://shop.webl.example.co.jp/");
        await customer.FillAsync("[data-test=period1From]", earliest);
        await customer.Keyboard.PressAsync("Escape");
        await customer.FillAsync("[data-test=actions]", string.Join("\n", Enumerable.Range(1, 15).Select(i => $"アクション{i}")));
        await customer.CheckAsync("[data-test=termsOfUse]");
        await customer.CheckAsync("[data-test=specification]");
        await customer.ClickAsync("[data-test=submit-application]");
        await customer.WaitForURLAsync(ApplicationPage());
        var applicationPath = new Uri(customer.Url).AbsolutePath;
        await Expect(customer.Locator("[data-test=status]")).ToContainTextAsync("受付済み");

        // WEB-3: no cancel button, and the endpoint refuses a crafted post.
        await Expect(customer.Locator("[data-test=cancel-application]")).ToHaveCountAsync(0);
        await customer.EvaluateAsync("""
            () => { const token = document.querySelector('input[name=__RequestVerificationToken]').value;
              const form = document.createElement('form'); form.method = 'post'; form.action = location.pathname + '?handler=Cancel';
              for (const [k, v] of [['__RequestVerificationToken', token], ['reason', 'やめたい']]) { const i = document.createElement('input'); i.type = 'hidden'; i.name = k; i.value = v; form.append(i); }
              document.body.append(form); form.submit(); }
            """);
        await Expect(customer.Locator("[data-test=errors]")).ToContainTextAsync("キャンセルができません");
        await BrowserSession.ScreenshotAsync(customer, "webl-03-cancel-refused");

        // The CSM triages (assigns the partner engineer) and enters the agreed dates.
        var staff = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(staff, csm);
        await CsmTaskAsync(staff, csm, name, "Web脆弱性診断の申込内容を確認し、パートナーエンジニアを割り当ててください", "triage",
            form => form.Locator("[name=f_partnerEmail]").FillAsync(partner.Email));
        await CsmTaskAsync(staff, csm, name, "お客様と診断日程を調整し、合意した日程を入力してください", "agree", async form =>
        {
            await form.Locator("[name=f_scanFrom]").FillAsync(earliest);
            await form.Locator("[name=f_scanTo]").FillAsync("2026-06-10");
        });

        // The customer agrees to the dates and works through the checklist.
        await app.OpenAsync(customer, representative, applicationPath);
        await Expect(customer.Locator("[data-test=customer-task]")).ToContainTextAsync("実施を保証するものではありません");
        await customer.CheckAsync("[data-test=decision-accept]");
        await customer.ClickAsync("[data-test=complete-confirm]");
        await Expect(customer.Locator("[data-test=checklist]")).ToBeVisibleAsync();
        foreach (var key in new[] { "monitoring", "backup", "hosting", "allow-list", "test-accounts" })
        {
            await customer.ClickAsync($"[data-test=tick-{key}]");
            await Expect(customer.Locator($"[data-test=ticked-{key}]")).ToContainTextAsync("テスト rep@webl.example.jp");
        }

        await Expect(customer.Locator("[data-test=status]")).ToContainTextAsync("実施中");
        await BrowserSession.ScreenshotAsync(customer, "webl-04-checklist-done");

        // The partner engineer sees this application only, scans and uploads the report.
        var engineer = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(engineer, partner);
        await engineer.WaitForURLAsync("**/Partner");
        await Expect(engineer.Locator("[data-test=partner-applications] tbody tr")).ToHaveCountAsync(1);
        await engineer.Locator("[data-test=partner-applications] a").ClickAsync();
        await Expect(engineer.Locator("[data-test=partner-summary]")).ToContainTextAsync("https://shop.webl.example.co.jp/");
        var scan = engineer.Locator("[data-test=task-form-scan]");
        await scan.Locator("[name=f_actionsScanned]").FillAsync("ログイン\n会員登録\n商品検索");
        await scan.Locator("[name=f_findings]").FillAsync("クロスサイトスクリプティング: 2\nSQLインジェクション: 1");
        await scan.Locator("[name=f_report]").SetInputFilesAsync(new FilePayload { Name = "report.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.7\n1 0 obj\n"u8.ToArray() });
        await BrowserSession.ScreenshotAsync(engineer, "webl-05-partner-scan");
        await engineer.ClickAsync("[data-test=complete-scan]");
        await Expect(engineer.Locator("[data-test=flash]")).ToBeVisibleAsync();
        await Expect(engineer.Locator("[data-test=partner-file]")).ToContainTextAsync("report.pdf");
        var customerPage = await engineer.APIRequest.GetAsync($"{app.BaseUrl}{applicationPath}", new() { MaxRedirects = 0 });
        Assert.Equal(302, customerPage.Status); // to the access-denied page: the customer's pages are not the partner's
        Assert.Contains("/Account/AccessDenied", customerPage.Headers["location"], StringComparison.Ordinal);
        Assert.Equal(404, (await engineer.APIRequest.GetAsync($"{app.BaseUrl}/Partner/Applications/{Guid.NewGuid()}")).Status);

        // The CSM reviews and delivers; the customer sees the report and the tickets spent.
        await CsmTaskAsync(staff, csm, name, "診断レポートを確認してください", "review", form => form.Locator("[data-test=decision-deliver]").CheckAsync());
        await app.OpenAsync(customer, representative, applicationPath);
        await Expect(customer.Locator("[data-test=status]")).ToContainTextAsync("完了");
        await Expect(customer.Locator("body")).ToContainTextAsync("report.pdf");
        await BrowserSession.ScreenshotAsync(customer, "webl-06-delivered");

        // WEB-7: the partner's export has exactly the four columns.
        var csv = await engineer.APIRequest.GetAsync($"{app.BaseUrl}/Partner/Statistics?fy=2026");
        var text = Encoding.UTF8.GetString(await csv.BodyAsync()).TrimStart('\uFEFF');
        Assert.StartsWith("vulnerability_type,count,industry,scan_period\r\n", text, StringComparison.Ordinal);
        Assert.Contains("クロスサイトスクリプティング,2,情報通信業,2026-06-08/2026-06-10", text, StringComparison.Ordinal);
        Assert.DoesNotContain(name, text, StringComparison.Ordinal);

        // WEB-4: the capacity used up closes the service for the year, with the reason.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var catalogue = scope.ServiceProvider.GetRequiredService<CatalogueService>();
            var entry = await catalogue.GetAsync("WEB-L");
            entry.YearlyCapacity = await catalogue.CountUsedCapacityAsync("WEB-L", FiscalYear.Current(app.Clock));
            await catalogue.SaveAsync(entry, csm.PersonId);
        }

        await app.OpenAsync(customer, representative, "/Services");
        await Expect(customer.Locator("[data-test=why-WEB-L]")).ToContainTextAsync("受付終了(今年度)");
        await BrowserSession.ScreenshotAsync(customer, "webl-07-capacity-closed");
    }
}
