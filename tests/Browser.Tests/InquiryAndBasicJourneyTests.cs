using System.Text.RegularExpressions;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudpackPlus.Browser.Tests;

/// <summary>
/// INQ-1, SCOPE-1 and BAS in Chromium: a member opens an inquiry, the CSM answers from the inbox, the member requests a
/// quote from it and the CSM records the outcome; the CSM starts a cloud-optimisation cycle for a Silver company and runs
/// its five steps to the delivered (counted) proposal and the work report in the portal; a Bronze company is refused with
/// the reason. Screenshots are named <c>inq-*.png</c>.
/// </summary>
public sealed partial class InquiryAndBasicJourneyTests(BrowserAppFactory app, BrowserSession browser)
    : IClassFixture<BrowserAppFactory>, IClassFixture<BrowserSession>
{
    private const string Unavailable = $"{BrowserSession.ChromiumPath} is not installed (scripts/test.sh installs Debian's chromium)";

    [GeneratedRegex("/Inquiries/([0-9a-f-]{36})$")]
    private static partial Regex InquiryPage();

    [GeneratedRegex("/Staff/Basic/([0-9a-f-]{36})$")]
    private static partial Regex CyclePage();

    [GeneratedRegex("/Staff/Tasks/[0-9a-f-]{36}$")]
    private static partial Regex TaskPage();

    [SkippableFact]
    [Trait("Spec", "INQ-1")]
    [Trait("Spec", "SCOPE-1")]
    public async Task Member_AsksTheCsm_RequestsAQuoteFromTheInquiry_AndStaffRecordTheOutcome()
    {
        Skip.IfNot(BrowserSession.IsAvailable, Unavailable);
        var company = await app.CreateCompanyAsync("INQJ", "問合せ株式会社");
        var member = await app.CreateAccountAsync(company, PersonRole.Member, "member@inqj.example.jp");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, "csm-inqj@cloudpack.example.jp");
        await app.EnrolAsync(company, csm, Rank.Silver);

        var customer = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(customer, member);
        await customer.GotoAsync("/Inquiries/New");
        await customer.SelectOptionAsync("[data-test=inquiry-category]", "ServiceConsultation");
        await customer.FillAsync("[data-test=inquiry-subject]", "RDSの夜間停止について");
        await customer.FillAsync("[data-test=inquiry-body]", "<b>夜間</b>に停止してよいか相談したいです");
        await customer.ClickAsync("[data-test=submit-inquiry]");
        await customer.WaitForURLAsync(InquiryPage());
        var inquiryUrl = customer.Url;
        await Expect(customer.Locator("[data-test=message-body]")).ToHaveTextAsync("<b>夜間</b>に停止してよいか相談したいです");
        await BrowserSession.ScreenshotAsync(customer, "inq-customer-inquiry");

        // The CSM's inbox: open, age and assignee; the reply assigns it.
        var staff = await browser.NewPageAsync(app.BaseUrl);
        await app.OpenAsync(staff, csm, "/Staff/Inquiries");
        var row = staff.Locator("[data-test=inquiry-row]", new() { HasText = "RDSの夜間停止について" });
        await Expect(row.Locator("[data-test=inquiry-age]")).ToHaveTextAsync("0日");
        await Expect(row.Locator("[data-test=inquiry-assignee]")).ToHaveTextAsync("未割り当て");
        await BrowserSession.ScreenshotAsync(staff, "inq-staff-inbox");
        await row.Locator("a").First.ClickAsync();
        await staff.FillAsync("[data-test=message-input]", "停止できます。手順をお送りします。");
        await staff.ClickAsync("[data-test=send-message]");
        await Expect(staff.Locator("[data-test=flash]")).ToBeVisibleAsync();
        await Expect(staff.Locator("[data-test=inquiry-assignee]")).Not.ToHaveTextAsync("未割り当て");

        // The member reads the answer and asks for a quote from the inquiry.
        await customer.GotoAsync(inquiryUrl);
        await Expect(customer.Locator("[data-test=message-body]").Nth(1)).ToHaveTextAsync("停止できます。手順をお送りします。");
        await customer.ClickAsync("[data-test=request-quote]");
        // The server refuses an empty request too (the browser's own check is taken away).
        await customer.EvalOnSelectorAsync("[data-test=quote-description]", "e => e.removeAttribute('required')");
        await customer.ClickAsync("[data-test=submit-quote]");
        await Expect(customer.Locator("[data-test=errors]")).ToContainTextAsync("ご依頼内容");
        await customer.FillAsync("[data-test=quote-description]", "夜間停止の自動化(EventBridge + Lambda)の構築");
        await customer.FillAsync("[data-test=quote-timing]", "7月中");
        await customer.ClickAsync("[data-test=submit-quote]");
        await customer.WaitForURLAsync("**/Quotes");
        await Expect(customer.Locator("[data-test=quote-outcome]")).ToHaveTextAsync("未回答");

        // Staff record the outcome (audited); the customer sees it with the note.
        await staff.GotoAsync("/Staff/Quotes");
        var quote = staff.Locator("[data-test=quote-row]", new() { HasText = "夜間停止の自動化" });
        await quote.Locator("[data-test=outcome]").SelectOptionAsync("Quoted");
        await quote.Locator("[data-test=outcome-note]").FillAsync("見積書をメールでお送りしました");
        await quote.Locator("[data-test=record-outcome]").ClickAsync();
        await Expect(staff.Locator("[data-test=flash]")).ToBeVisibleAsync();
        await customer.GotoAsync("/Quotes");
        await Expect(customer.Locator("[data-test=quote-outcome]")).ToHaveTextAsync("お見積もり送付済み");
        await Expect(customer.Locator("[data-test=quote-note]")).ToHaveTextAsync("見積書をメールでお送りしました");
        await BrowserSession.ScreenshotAsync(customer, "inq-customer-quotes");

        // An out-of-programme category is answered with the redirect text, never opened.
        await customer.GotoAsync("/Inquiries/New");
        await customer.SelectOptionAsync("[data-test=inquiry-category]", "SupportDesk");
        await customer.FillAsync("[data-test=inquiry-subject]", "EC2が停止した");
        await customer.ClickAsync("[data-test=submit-inquiry]");
        await customer.WaitForURLAsync(InquiryPage());
        await Expect(customer.Locator("[data-test=inquiry-redirect]")).ToContainTextAsync("support@cloudpack.example.jp");
        await Expect(customer.Locator("[data-test=message-input]")).ToHaveCountAsync(0);
        await BrowserSession.ScreenshotAsync(customer, "inq-customer-redirect");

        // English.
        await customer.GotoAsync("/Settings");
        await customer.SelectOptionAsync("[data-test=language]", "en-US");
        await customer.ClickAsync("[data-test=save-language]");
        await customer.GotoAsync("/Inquiries");
        await Expect(customer.Locator("[data-test=inquiry-status]").First).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(customer, "inq-customer-inquiries-en");
        await customer.GotoAsync(inquiryUrl);
        await BrowserSession.ScreenshotAsync(customer, "inq-customer-inquiry-en");
    }

    [SkippableFact]
    [Trait("Spec", "BAS-1")]
    [Trait("Spec", "BAS-2")]
    [Trait("Spec", "BAS-3")]
    [Trait("Spec", "BAS-4")]
    [Trait("Spec", "BAS-5")]
    public async Task Csm_RunsACycleForASilverCompany_ToTheCountedProposal_AndABronzeCompanyIsRefusedWithTheReason()
    {
        Skip.IfNot(BrowserSession.IsAvailable, Unavailable);
        var silver = await app.CreateCompanyAsync("BASJ", "最適化株式会社");
        var bronze = await app.CreateCompanyAsync("BASB", "ブロンズ株式会社");
        var representative = await app.CreateAccountAsync(silver, PersonRole.Representative, "rep@basj.example.jp");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, "csm-basj@cloudpack.example.jp");
        await app.EnrolAsync(silver, csm, Rank.Silver);
        await app.EnrolAsync(bronze, csm, Rank.Bronze);

        var staff = await browser.NewPageAsync(app.BaseUrl);
        await app.OpenAsync(staff, csm, $"/Staff/Companies/{silver}");
        await Expect(staff.Locator("[data-test=basic-allowance]")).ToContainTextAsync("2 回(納品済み 0・進行中 0・残り 2)");
        await staff.FillAsync("[data-test=basic-title]", "EC2の適正化");
        await staff.ClickAsync("[data-test=basic-start]");
        await staff.WaitForURLAsync(CyclePage());
        var cycleUrl = staff.Url;
        var cycle = CyclePage().Match(cycleUrl).Groups[1].Value;

        await StepAsync(staff, cycleUrl, "hearing", async form =>
        {
            await form.Locator("[data-test=meetingAt]").FillAsync("2026-05-13T14:00");
            await form.Locator("[data-test=attendees]").FillAsync("情報システム部 2名");
            await form.Locator("[data-test=notes]").FillAsync("夜間も稼働しているが利用は少ない");
        });
        await StepAsync(staff, cycleUrl, "investigation", form => form.Locator("[data-test=findings]").FillAsync("CPU使用率が常時5%未満"));
        await StepAsync(staff, cycleUrl, "proposal", form => form.Locator("[data-test=proposal]").FillAsync("t3.medium への変更を提案します"));
        await staff.GotoAsync(cycleUrl);
        await Expect(staff.Locator("[data-test=basic-status]")).ToHaveTextAsync("提案納品済み");
        await StepAsync(staff, cycleUrl, "improvement", async form =>
        {
            await form.Locator("[data-test=account-none]").CheckAsync();
            await form.Locator("[data-test=report]").FillAsync("インスタンスタイプを変更しました");
        });
        await StepAsync(staff, cycleUrl, "measurement", form => form.Locator("[data-test=effect]").FillAsync("月額 12% 削減"));
        await staff.GotoAsync(cycleUrl);
        await Expect(staff.Locator("[data-test=basic-status]")).ToHaveTextAsync("完了");
        await Expect(staff.Locator("[data-test=basic-step-record]")).ToHaveCountAsync(5);
        await BrowserSession.ScreenshotAsync(staff, "inq-staff-cycle");

        // The customer: the proposal and the work report in the portal; the company page counts the delivered proposal.
        var customer = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(customer, representative);
        await customer.GotoAsync($"/Basic/{cycle}");
        await Expect(customer.Locator("[data-test=basic-proposal]")).ToContainTextAsync("t3.medium への変更を提案します");
        await Expect(customer.Locator("[data-test=basic-report-text]")).ToHaveTextAsync("インスタンスタイプを変更しました");
        await BrowserSession.ScreenshotAsync(customer, "inq-customer-cycle");
        await customer.GotoAsync("/Company");
        await Expect(customer.Locator("[data-test=basic-allowance]")).ToContainTextAsync("2 回(納品済み 1・進行中 0・残り 1)");
        await BrowserSession.ScreenshotAsync(customer, "inq-customer-company");

        // The same pages in English.
        await customer.GotoAsync("/Settings");
        await customer.SelectOptionAsync("[data-test=language]", "en-US");
        await customer.ClickAsync("[data-test=save-language]");
        await customer.GotoAsync("/Company");
        await Expect(customer.Locator("[data-test=basic-allowance]")).ToContainTextAsync("This fiscal year's proposals: 2 (delivered 1, in progress 0, left 1)");
        await BrowserSession.ScreenshotAsync(customer, "inq-customer-company-en");
        await customer.GotoAsync($"/Basic/{cycle}");
        await BrowserSession.ScreenshotAsync(customer, "inq-customer-cycle-en");

        // Bronze: the company page says why, and starting is refused with the reason (BAS-1, BAS-5).
        await staff.GotoAsync($"/Staff/Companies/{bronze}");
        await Expect(staff.Locator("[data-test=basic-unavailable]")).ToContainTextAsync("シルバーランク以上");
        await staff.FillAsync("[data-test=basic-title]", "試し");
        var refused = await staff.RunAndWaitForResponseAsync(() => staff.ClickAsync("[data-test=basic-start]"), r => r.Url.Contains("/Staff/Basic/Start/", StringComparison.Ordinal));
        Assert.Equal(400, refused.Status);
        await Expect(staff.Locator("main")).ToContainTextAsync("お問い合わせまたはチケットでのアドバンスドサービス");
        await BrowserSession.ScreenshotAsync(staff, "inq-staff-bronze-refused");
    }

    private static async Task StepAsync(IPage staff, string cycleUrl, string node, Func<ILocator, Task> fill)
    {
        // A background step (the work report) may run before the next task opens.
        for (var attempt = 0; attempt < 60; attempt++)
        {
            await staff.GotoAsync(cycleUrl);
            if (await staff.Locator("[data-test=basic-open-task]").CountAsync() > 0)
            {
                break;
            }

            await Task.Delay(500);
        }

        await staff.ClickAsync("[data-test=basic-open-task]");
        await staff.WaitForURLAsync(TaskPage());
        await staff.ClickAsync("[data-test=claim]");
        await fill(staff.Locator($"[data-test=task-form-{node}]"));
        await staff.ClickAsync($"[data-test=complete-{node}]");
        await Expect(staff.Locator("[data-test=flash]")).ToBeVisibleAsync();
    }
}
