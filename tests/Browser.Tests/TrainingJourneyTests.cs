using System.Globalization;
using System.Text.RegularExpressions;
using CloudpackPlus.Core.Calendar;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Jobs;
using CloudpackPlus.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudpackPlus.Browser.Tests;

/// <summary>
/// The AWS training (TRAIN-1) in a real browser: a representative applies, a CSM agrees the date in a
/// second browser context, the customer confirms, the day comes, the CSM records it and the tickets are spent.
/// Each test works on its own enrolled company (Gold: 15 tickets) so the tests do not see each other's data.
/// </summary>
public sealed partial class TrainingJourneyTests(BrowserAppFactory app, BrowserSession browser)
    : IClassFixture<BrowserAppFactory>, IClassFixture<BrowserSession>
{
    private const string Unavailable = $"{BrowserSession.ChromiumPath} is not installed (scripts/test.sh installs Debian's chromium)";

    private sealed record Programme(Guid CompanyId, string CompanyName, TestAccount Representative, TestAccount Csm);

    [GeneratedRegex("/Applications/[0-9a-f-]{36}$")]
    private static partial Regex ApplicationPage();

    [GeneratedRegex("/Staff/Tasks/[0-9a-f-]{36}$")]
    private static partial Regex TaskPage();

    [GeneratedRegex("/Staff/Tasks$")]
    private static partial Regex Inbox();

    private async Task<Programme> EnrolledCompanyAsync(string key)
    {
        var name = $"研修{key}株式会社";
        var company = await app.CreateCompanyAsync($"TRAIN{key}", name);
        var representative = await app.CreateAccountAsync(company, PersonRole.Representative, $"rep-{key}@train.example.jp".ToLowerInvariant());
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, $"csm-{key}@cloudpack.example.jp".ToLowerInvariant());
        await app.EnrolAsync(company, csm);
        return new Programme(company, name, representative, csm);
    }

    /// <summary>From the catalogue through the form to the new application's page; returns its id.</summary>
    private async Task<Guid> ApplyAsync(IPage page, string goals)
    {
        var today = Tokyo.Today(app.Clock);
        await page.GotoAsync("/Services");
        await page.ClickAsync("[data-test=apply-TRAIN-1]");
        await page.WaitForURLAsync("**/Services/Apply/TRAIN-1");
        await page.SelectOptionAsync("[data-test=topic]", ApplicationSetup.IntroTopic.ToString());
        await page.FillAsync("[data-test=goals]", goals);
        await page.FillAsync("[data-test=wishedFrom]", today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.FillAsync("[data-test=wishedTo]", today.AddDays(21).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.FillAsync("[data-test=participants]", "6");
        await BrowserSession.ScreenshotAsync(page, "training-02-apply-form");
        await page.ClickAsync("[data-test=submit-application]");
        await page.WaitForURLAsync(ApplicationPage());
        return Guid.Parse(new Uri(page.Url).Segments[^1]);
    }

    /// <summary>A business day a week or more ahead (HOURS-1: weekdays that are not holidays).</summary>
    private async Task<DateOnly> BusinessDayAWeekAheadAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var calendar = await scope.ServiceProvider.GetRequiredService<BusinessCalendarService>().GetAsync();
        return calendar.NextBusinessDay(Tokyo.Today(app.Clock).AddDays(6));
    }

    /// <summary>Runs the application's due timer as Hangfire would (Hangfire does not run on the fake clock).</summary>
    private async Task FireTimerAsync(Guid applicationId)
    {
        Guid bookmark;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var instance = await scope.ServiceProvider.GetRequiredService<CoreDbContext>().Applications
                .Where(a => a.Id == applicationId).Select(a => a.WorkflowInstanceId).SingleAsync();
            bookmark = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Bookmarks.AsNoTracking()
                .Where(b => b.InstanceId == instance && b.Kind == BookmarkKind.Timer && b.ResumedAt == null && b.CancelledAt == null)
                .Select(b => b.Id).SingleAsync();
        }

        await using var jobs = app.Services.CreateAsyncScope();
        await jobs.ServiceProvider.GetRequiredService<WorkflowJobs>().RunBookmarkAsync(bookmark);
    }

    /// <summary>Opens the CSM's task for this company from the inbox (other tests' tasks are in the same inbox).</summary>
    private async Task OpenTaskFromInboxAsync(IPage staff, Programme programme, string title)
    {
        await app.OpenAsync(staff, programme.Csm, "/Staff/Tasks");
        var row = staff.Locator("[data-test=inbox-row]", new() { HasText = programme.CompanyName }).Filter(new() { HasText = title });
        await Expect(row).ToHaveCountAsync(1);
        await row.Locator("[data-test=open-task]").ClickAsync();
        await staff.WaitForURLAsync(TaskPage());
        await Expect(staff.Locator("h1")).ToHaveTextAsync(title);
    }

    [SkippableFact]
    [Trait("Spec", "TRAIN-1")]
    [Trait("Spec", "ADV-2")]
    [Trait("Spec", "APP-1")]
    [Trait("Spec", "APP-2")]
    [Trait("Spec", "TKT-3")]
    [Trait("Spec", "HOURS-1")]
    public async Task Training_IsAppliedFor_Agreed_Confirmed_Held_AndSpendsTwoTickets()
    {
        Skip.IfNot(BrowserSession.IsAvailable, Unavailable);
        var programme = await EnrolledCompanyAsync("FULL");
        var customer = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(customer, programme.Representative);

        await customer.GotoAsync("/Services");
        await Expect(customer.Locator("[data-test=service-TRAIN-1] [data-test=cost]")).ToContainTextAsync("2");
        await BrowserSession.ScreenshotAsync(customer, "training-01-catalogue");
        var applicationId = await ApplyAsync(customer, "新人エンジニアがAWSの全体像を掴む");
        await Expect(customer.Locator("[data-test=status]")).ToContainTextAsync("受付済み");
        await BrowserSession.ScreenshotAsync(customer, "training-03-applied");

        // The CSM works in a second browser context: its own cookies, its own session.
        var staff = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(staff, programme.Csm);
        await OpenTaskFromInboxAsync(staff, programme, "トレーニングの内容と日程を調整してください");
        await staff.ClickAsync("[data-test=claim]");
        await Expect(staff.Locator("[data-test=release]")).ToBeVisibleAsync();

        var day = await BusinessDayAWeekAheadAsync();
        var form = staff.Locator("[data-test=task-form-agree]");
        await form.Locator("[name=f_topic]").FillAsync("AWS入門(新人向け)");
        await form.Locator("[name=f_startsAt]").FillAsync($"{day:yyyy-MM-dd}T18:30");
        await form.Locator("[name=f_durationMinutes]").FillAsync("120");
        await form.Locator("[name=f_meetingUrl]").FillAsync("https://meet.example.jp/aws-intro");
        await form.Locator("[name=f_note]").FillAsync("当日はよろしくお願いいたします。");
        await staff.ClickAsync("[data-test=complete-agree]");
        await Expect(staff.Locator("[data-test=errors]")).ToContainTextAsync("営業日の10:00〜19:00に120分間が収まる日時を指定してください");
        await BrowserSession.ScreenshotAsync(staff, "training-04-outside-business-hours");

        // The refused form keeps what was typed, the Japan-time start included (not shifted as if it were UTC).
        await Expect(form.Locator("[name=f_meetingUrl]")).ToHaveValueAsync("https://meet.example.jp/aws-intro");
        await Expect(form.Locator("[name=f_startsAt]")).ToHaveValueAsync($"{day:yyyy-MM-dd}T18:30");
        await form.Locator("[name=f_startsAt]").FillAsync($"{day:yyyy-MM-dd}T14:00");
        await staff.ClickAsync("[data-test=complete-agree]");
        await staff.WaitForURLAsync(Inbox());
        await Expect(staff.Locator("[data-test=flash]")).ToBeVisibleAsync();

        await customer.ReloadAsync();
        await Expect(customer.Locator("[data-test=status]")).ToContainTextAsync("日程調整中");
        await Expect(customer.Locator("[data-test=scheduled-at]")).ToHaveTextAsync(day.ToString("yyyy年M月d日（ddd）", System.Globalization.CultureInfo.GetCultureInfo("ja-JP")) + " 14:00");
        await Expect(customer.Locator("[data-test=task-form-confirm]")).ToBeVisibleAsync();

        const string Script = "<script>window.__x=1</script>";
        await customer.FillAsync("[data-test=message-input]", $"日程ありがとうございます {Script}");
        await customer.ClickAsync("[data-test=send-message]");
        await Expect(customer.Locator("[data-test=message-body]", new() { HasText = "window.__x" })).ToHaveTextAsync($"日程ありがとうございます {Script}");
        await Expect(customer.Locator("[data-test=conversation] script")).ToHaveCountAsync(0);
        Assert.True(await customer.EvaluateAsync<bool>("() => typeof window.__x === 'undefined'"));
        await BrowserSession.ScreenshotAsync(customer, "training-05-proposal-and-message");

        await customer.CheckAsync("[data-test=task-form-confirm] [data-test=decision-accept]");
        await customer.ClickAsync("[data-test=complete-confirm]");
        await Expect(customer.Locator("[data-test=status]")).ToHaveTextAsync("日程確定");
        await Expect(customer.Locator("[data-test=task-form-confirm]")).ToHaveCountAsync(0);
        await BrowserSession.ScreenshotAsync(customer, "training-06-scheduled");

        // The day comes: the clock passes the session's end and the timer runs as Hangfire would run it.
        app.Clock.Advance(Tokyo.At(day, new TimeOnly(16, 30)) - app.Clock.GetUtcNow());
        await FireTimerAsync(applicationId);

        await OpenTaskFromInboxAsync(staff, programme, "トレーニングの実施結果を記録してください");
        var record = staff.Locator("[data-test=task-form-record]");
        await record.Locator("[name=f_attendance]").FillAsync("6");
        await record.Locator("[name=f_materials]").FillAsync("https://docs.example.jp/aws-intro.pdf");
        await record.Locator("[name=f_summary]").FillAsync("全員が最後まで参加されました。");
        await BrowserSession.ScreenshotAsync(staff, "training-07-record");
        await staff.ClickAsync("[data-test=complete-record]");
        await staff.WaitForURLAsync(Inbox());

        await app.OpenAsync(customer, programme.Representative, $"/Applications/{applicationId}");
        await Expect(customer.Locator("[data-test=status]")).ToHaveTextAsync("完了");
        await Expect(customer.Locator("[data-test=timeline]")).ToContainTextAsync("完了(チケット 2 枚を消費)");
        await BrowserSession.ScreenshotAsync(customer, "training-08-completed");

        await customer.GotoAsync("/Company");
        await Expect(customer.Locator("[data-test=balance]")).ToHaveTextAsync("13 枚");
        var spend = customer.Locator("[data-test=ticket-history] tbody tr", new() { HasText = "利用" });
        await Expect(spend).ToHaveCountAsync(1);
        await Expect(spend.Locator("td.num").First).ToHaveTextAsync("-2");
        await Expect(spend.Locator("td.num").Last).ToHaveTextAsync("13");
        await BrowserSession.ScreenshotAsync(customer, "training-09-ticket-history");
    }

    [SkippableFact]
    [Trait("Spec", "APP-1")]
    public async Task Member_SeesTheCatalogue_ButCannotApply()
    {
        Skip.IfNot(BrowserSession.IsAvailable, Unavailable);
        var programme = await EnrolledCompanyAsync("MEMB");
        var member = await app.CreateAccountAsync(programme.CompanyId, PersonRole.Member, "member@trainmemb.example.jp");
        var page = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(page, member);

        await page.GotoAsync("/Services");
        await Expect(page.Locator("[data-test=service-TRAIN-1]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=apply-TRAIN-1]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-test=why-TRAIN-1]")).ToContainTextAsync("代表者のみ");
        await BrowserSession.ScreenshotAsync(page, "training-10-member-catalogue");

        var response = await page.GotoAsync("/Services/Apply/TRAIN-1");
        Assert.Equal(403, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("アクセスできません");
        await Expect(page.Locator("[data-test=training-form]")).ToHaveCountAsync(0);
    }

    [SkippableFact]
    [Trait("Spec", "TKT-5")]
    public async Task Cancelling_BeforeTheDate_ReturnsTheReservedTickets()
    {
        Skip.IfNot(BrowserSession.IsAvailable, Unavailable);
        var programme = await EnrolledCompanyAsync("CANC");
        var page = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(page, programme.Representative);
        var applicationId = await ApplyAsync(page, "キャンセルする予定の申請");

        await page.GotoAsync("/Company");
        await Expect(page.Locator("[data-test=balance]")).ToHaveTextAsync("13 枚");

        await page.GotoAsync($"/Applications/{applicationId}");
        await page.FillAsync("[data-test=cancel-form] textarea[name=reason]", "社内の都合により");
        await page.ClickAsync("[data-test=cancel-application]");
        await Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("キャンセル");
        await Expect(page.Locator("[data-test=cancel-application]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-test=application-summary]")).ToContainTextAsync("社内の都合により");
        await BrowserSession.ScreenshotAsync(page, "training-11-cancelled");

        await page.GotoAsync("/Company");
        await Expect(page.Locator("[data-test=balance]")).ToHaveTextAsync("15 枚");
        var refund = page.Locator("[data-test=ticket-history] tbody tr", new() { HasText = "返却" });
        await Expect(refund).ToHaveCountAsync(1);
        await Expect(refund.Locator("td.num").First).ToHaveTextAsync("+2");
        await Expect(refund.Locator("td.num").Last).ToHaveTextAsync("15");
    }
}
