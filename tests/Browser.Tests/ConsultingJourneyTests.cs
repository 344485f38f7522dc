using System.Diagnostics;
using System.Text.RegularExpressions;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Portal.Notifications;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace CloudpackPlus.Browser.Tests;

/// <summary>
/// As <see cref="BrowserAppFactory"/> (Kestrel on 127.0.0.1, demo data, mail to the test SMTP server), on the simulated AWS:
/// the read-only role is created on first use once the company has its external id.
/// </summary>
public sealed class ConsultingAppFactory : PortalAppFactory
{
    private readonly int _port = SmtpCapture.FreePort();

    public ConsultingAppFactory() => UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, _port));

    public string BaseUrl => $"http://127.0.0.1:{_port}";

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Database:SeedDemoOnStart"] = "true";
            settings["Mail:PortalUrl"] = BaseUrl;
            settings["Aws:Mode"] = "Simulated";
            return settings;
        }
    }

    protected override void StartHost() => StartServer();
}

/// <summary>
/// COST-C and SEC-C in Chromium: the apply page with the PRICE-1 wording, the scoping meeting (a slot outside business
/// hours refused) and its .ics mail, the role-trust task when the provider has no read access (SEC-C), the investigation,
/// the report meeting, the proposal PDF uploaded by the CSM, the customer's download (read with pdftotext), the quote
/// request link, completion and the 10 tickets spent.
/// </summary>
public sealed partial class ConsultingJourneyTests(ConsultingAppFactory app, BrowserSession browser)
    : IClassFixture<ConsultingAppFactory>, IClassFixture<BrowserSession>
{
    private const string Unavailable = $"{BrowserSession.ChromiumPath} is not installed (scripts/test.sh installs Debian's chromium)";

    [GeneratedRegex("/Applications/[0-9a-f-]{36}$")]
    private static partial Regex ApplicationPage();

    [GeneratedRegex("/Staff/Tasks/[0-9a-f-]{36}$")]
    private static partial Regex TaskPage();

    [SkippableFact]
    [Trait("Spec", "COST-C")]
    [Trait("Spec", "HOURS-1")]
    [Trait("Spec", "PRICE-1")]
    [Trait("Spec", "TKT-5")]
    [Trait("Spec", "REPORT-1")]
    public Task CostC_RunsEndToEnd_WithReadAccessInPlace() => JourneyAsync("COST-C", "CCJ", "コスト相談株式会社", roleInPlace: true, "cost");

    [SkippableFact]
    [Trait("Spec", "SEC-C")]
    [Trait("Spec", "TOOL-1")]
    [Trait("Spec", "TKT-5")]
    [Trait("Spec", "REPORT-1")]
    public Task SecC_RunsEndToEnd_WithTheRoleTrustTask() => JourneyAsync("SEC-C", "SCJ", "セキュリティ相談株式会社", roleInPlace: false, "sec");

    private async Task JourneyAsync(string service, string code, string name, bool roleInPlace, string shot)
    {
        Skip.IfNot(BrowserSession.IsAvailable, Unavailable);
        var company = await app.CreateCompanyAsync(code, name);
        var representative = await app.CreateAccountAsync(company, PersonRole.Representative, $"rep@{code.ToLowerInvariant()}.example.jp");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, $"csm-{code.ToLowerInvariant()}@cloudpack.example.jp");
        await app.EnrolAsync(company, csm);
        int before;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var accountId = (service == "COST-C" ? "31" : "32") + "0000000000";
            await scope.ServiceProvider.GetRequiredService<AwsAccountService>().LinkAsync(company, accountId, true, "本番", csm.PersonId);
            if (roleInPlace)
            {
                await scope.ServiceProvider.GetRequiredService<ExternalIdStore>().GetOrCreateAsync(company); // the role was set up earlier
            }

            before = await scope.ServiceProvider.GetRequiredService<TicketLedger>().GetBalanceAsync(company);
        }

        // Apply: the page says the programme is free and AWS charges are the customer's (PRICE-1).
        var customer = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(customer, representative);
        await customer.GotoAsync("/Services");
        await customer.ClickAsync($"[data-test=apply-{service}]");
        await customer.WaitForURLAsync($"**/Services/Apply/{service}", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        await Expect(customer.Locator("body")).ToContainTextAsync("本プログラム(cloudpack+)のサービスは無料です");
        await Expect(customer.Locator("body")).ToContainTextAsync("AWS からお客様に請求されます");
        await customer.FillAsync("[data-test=theme]", "費用とセキュリティの見直し");
        await customer.ClickAsync("[data-test=submit-application]");
        await Expect(customer.Locator("[data-test=error-awsCharges]")).ToBeVisibleAsync(); // the acknowledgement is required
        await customer.CheckAsync("[data-test=awsCharges-accept]");
        await BrowserSession.ScreenshotAsync(customer, $"consult-{shot}-01-apply");
        await customer.ClickAsync("[data-test=submit-application]");
        await customer.WaitForURLAsync(ApplicationPage());
        var applicationPath = new Uri(customer.Url).AbsolutePath;
        var applicationId = Guid.Parse(applicationPath.Split('/')[^1]);

        // Scoping: a slot ending after 19:00 is refused (HOURS-1), a 2 h slot in business hours is booked.
        var staff = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(staff, csm);
        var day = BusinessDayAfter(2);
        await OpenCsmTaskAsync(staff, csm, name, "スコーピング会議");
        var scoping = staff.Locator("[data-test=task-form-scoping]");
        await scoping.Locator("[name=f_startsAt]").FillAsync($"{day}T18:00");
        await scoping.Locator("[name=f_durationMinutes]").FillAsync("120");
        await scoping.Locator("[name=f_meetingUrl]").FillAsync("https://meet.example.jp/scoping-" + code);
        await staff.ClickAsync("[data-test=complete-scoping]");
        await Expect(staff.Locator("body")).ToContainTextAsync("営業日の10:00〜19:00に120分間");
        await BrowserSession.ScreenshotAsync(staff, $"consult-{shot}-02-slot-refused");
        scoping = staff.Locator("[data-test=task-form-scoping]");
        await scoping.Locator("[name=f_startsAt]").FillAsync($"{day}T14:00");
        await staff.ClickAsync("[data-test=complete-scoping]");
        await Expect(staff.Locator("[data-test=flash]")).ToBeVisibleAsync();

        // The representative's mail carries the calendar invite.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<NotificationMailer>().MailPendingAsync();
        }

        var invite = await app.Smtp.WaitForAsync(representative.Email, m => m.Attachments.Any());
        var ics = invite.Attachments.OfType<MimePart>().Single();
        Assert.Equal("text/calendar", ics.ContentType.MimeType);
        using (var content = new MemoryStream())
        {
            await ics.Content!.DecodeToAsync(content);
            var lines = IcsReader.Parse(content.ToArray());
            Assert.Equal($"{applicationId:N}-scoping@cloudpackplus", IcsReader.Value(lines, "UID"));
            Assert.Equal(Tokyo.At(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(14, 0)).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture), IcsReader.Value(lines, "DTSTART"));
            Assert.Equal("https://meet.example.jp/scoping-" + code, IcsReader.Value(lines, "URL"));
        }

        if (!roleInPlace)
        {
            // No read access yet: the representative sets up the role from the task (quick-create link, template download).
            await app.OpenAsync(customer, representative, applicationPath);
            var task = customer.Locator("[data-test=customer-task]");
            await Expect(task).ToContainTextAsync($"{applicationPath}/ReadOnlyRole?handler=QuickCreate", new() { Timeout = 60_000 });
            await Expect(task).Not.ToContainTextAsync("param_ExternalId="); // built when the link is opened (issue #17)
            await Expect(task).ToContainTextAsync($"{applicationPath}/ReadOnlyRole");
            var template = await customer.APIRequest.GetAsync($"{app.BaseUrl}{applicationPath}/ReadOnlyRole");
            Assert.Equal(200, template.Status);
            Assert.Contains("ExternalId", await template.TextAsync(), StringComparison.Ordinal);
            await BrowserSession.ScreenshotAsync(customer, $"consult-{shot}-03-role-task");
            await customer.CheckAsync("[name=f_created]");
            await customer.ClickAsync("[data-test=complete-grant-access]");
            await Expect(customer.Locator("[data-test=flash]")).ToBeVisibleAsync();
        }

        // Investigation, report meeting, proposal upload.
        await OpenCsmTaskAsync(staff, csm, name, "調査を行い");
        await staff.Locator("[data-test=task-form-investigate] [name=f_findings]").FillAsync("未使用のリソースと過剰な権限を確認した");
        await staff.ClickAsync("[data-test=complete-investigate]");
        await Expect(staff.Locator("[data-test=flash]")).ToBeVisibleAsync();
        await OpenCsmTaskAsync(staff, csm, name, "報告・提案会議");
        var meeting = staff.Locator("[data-test=task-form-report-meeting]");
        await meeting.Locator("[name=f_startsAt]").FillAsync($"{BusinessDayAfter(5)}T10:00");
        await meeting.Locator("[name=f_durationMinutes]").FillAsync("60");
        await meeting.Locator("[name=f_meetingUrl]").FillAsync("https://meet.example.jp/report-" + code);
        await staff.ClickAsync("[data-test=complete-report-meeting]");
        await Expect(staff.Locator("[data-test=flash]")).ToBeVisibleAsync();
        await OpenCsmTaskAsync(staff, csm, name, "提案書(PDF)");
        var proposal = staff.Locator("[data-test=task-form-proposal]");
        var text = $"{service} proposal for {code}: rightsizing and guardrails";
        await proposal.Locator("[name=f_proposalPdf]").SetInputFilesAsync(new FilePayload { Name = "proposal.pdf", MimeType = "application/pdf", Buffer = CloudpackPlus.Core.Demo.DemoPdf.WithText(text) });
        await proposal.Locator("[name=f_recommendsBuild]").CheckAsync();
        await proposal.Locator("[name=f_summary]").FillAsync("構築作業をおすすめします");
        await BrowserSession.ScreenshotAsync(staff, $"consult-{shot}-04-proposal");
        await staff.ClickAsync("[data-test=complete-proposal]");
        await Expect(staff.Locator("[data-test=flash]")).ToBeVisibleAsync();

        // The customer: completed, the proposal as the report (its PDF read back), the quote link, 10 tickets spent.
        await app.OpenAsync(customer, representative, applicationPath);
        await Expect(customer.Locator("[data-test=status]")).ToContainTextAsync("完了");
        await Expect(customer.Locator("[data-test=report-row]")).ToHaveCountAsync(1);
        var quote = customer.Locator("[data-test=quote-request-link]");
        await Expect(quote).ToContainTextAsync("見積を依頼する");
        Assert.Equal($"/Quotes/New?applicationId={applicationId}", await quote.GetAttributeAsync("href"));
        await BrowserSession.ScreenshotAsync(customer, $"consult-{shot}-05-done");
        var href = await customer.Locator("[data-test=report-pdf]").GetAttributeAsync("href");
        var pdf = await customer.APIRequest.GetAsync($"{app.BaseUrl}{href}");
        Assert.Equal(200, pdf.Status);
        Assert.Contains(text, await PdfTextAsync(await pdf.BodyAsync()), StringComparison.Ordinal);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(before - 10, await scope.ServiceProvider.GetRequiredService<TicketLedger>().GetBalanceAsync(company));
        }

        // The same page in English.
        await customer.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=en-US|uic=en-US", Url = app.BaseUrl }]);
        await customer.GotoAsync(applicationPath);
        await Expect(customer.Locator("[data-test=quote-request-link]")).ToContainTextAsync("Request a quote");
        await BrowserSession.ScreenshotAsync(customer, $"consult-{shot}-06-done-en");
    }

    private async Task OpenCsmTaskAsync(IPage staff, TestAccount csm, string company, string title)
    {
        var row = staff.Locator("[data-test=inbox-row]", new() { HasText = company }).Filter(new() { HasText = title });
        for (var i = 0; i < 60 && await row.CountAsync() == 0; i++)
        {
            await app.OpenAsync(staff, csm, "/Staff/Tasks"); // the read access check runs in the background
            if (await row.CountAsync() == 0)
            {
                await Task.Delay(500);
            }
        }

        await Expect(row).ToHaveCountAsync(1);
        await row.Locator("[data-test=open-task]").ClickAsync();
        await staff.WaitForURLAsync(TaskPage());
        await staff.ClickAsync("[data-test=claim]");
    }

    private string BusinessDayAfter(int days)
    {
        var day = Tokyo.Today(app.Clock);
        for (var n = 0; n < days || day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || Core.Calendar.JapaneseHolidays.IsHoliday(day);)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Core.Calendar.JapaneseHolidays.IsHoliday(day))
            {
                n++;
            }
        }

        return day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"consult-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", [path, "-"]) { RedirectStandardOutput = true })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return output;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
