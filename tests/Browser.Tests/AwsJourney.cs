using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Simulation;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Testing;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Jobs;
using CloudpackPlus.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudpackPlus.Browser.Tests;

/// <summary>
/// The host for the AWS services' journeys: the simulated AWS (<c>Aws:Mode=Simulated</c>, AWS's own retries off so a
/// throttled call reaches the collectors and their back-off shows in the progress), the demo seeded (with the finished
/// ACCT-D, COST-L and SEC-L applications and their reports). One host for the three journeys (the demo's reports are
/// printed once).
/// </summary>
public sealed class AwsBrowserAppFactory : BrowserAppFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Aws:Mode"] = "Simulated";
            settings["Aws:Retry:MaxAttempts"] = "1";
            return settings;
        }
    }

    public SimulatedAws Aws => Services.GetRequiredService<SimulatedAws>();
}

[CollectionDefinition(Name)]
public sealed class AwsJourneys : ICollectionFixture<AwsBrowserAppFactory>, ICollectionFixture<BrowserSession>
{
    public const string Name = "AWS services in the browser";
}

/// <summary>A company of one AWS journey: enrolled Gold (15 tickets), a representative, a CSM and one linked account.</summary>
public sealed record AwsCustomer(Guid CompanyId, string CompanyName, TestAccount Representative, TestAccount Csm, string AccountId, SimulatedAccount Aws);

/// <summary>Steps the three AWS journeys share.</summary>
public static partial class AwsJourney
{
    public const string Unavailable = $"{BrowserSession.ChromiumPath} is not installed (scripts/test.sh installs Debian's chromium)";

    /// <summary>A report is printed by Chromium on 2 shared cores: generous, and still a hang detector.</summary>
    public static readonly TimeSpan ReportPatience = TimeSpan.FromMinutes(4);

    [GeneratedRegex("/Applications/[0-9a-f-]{36}$")]
    public static partial Regex ApplicationPage();

    [GeneratedRegex("/Staff/Tasks/[0-9a-f-]{36}$")]
    public static partial Regex TaskPage();

    public static async Task<AwsCustomer> CustomerAsync(AwsBrowserAppFactory app, string key, int findings = SimulatedAccount.DefaultFindingCount)
    {
        var name = $"{key}診断株式会社";
        var company = await app.CreateCompanyAsync(key, name);
        var representative = await app.CreateAccountAsync(company, PersonRole.Representative, $"rep@{key.ToLowerInvariant()}.example.jp");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, $"csm-{key.ToLowerInvariant()}@cloudpack.example.jp");
        await app.EnrolAsync(company, csm);
        var accountId = Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AwsAccountService>().LinkAsync(company, accountId, true, "本番", csm.PersonId);

        // The company has set up the role trust (TOOL-1): its ExternalId issued and the read-only role created in its account.
        var externalId = await scope.ServiceProvider.GetRequiredService<ExternalIdStore>().GetOrCreateAsync(company);
        var readOnlyRole = scope.ServiceProvider.GetRequiredService<IOptions<AwsOptions>>().Value.ReadOnlyRoleName;
        var aws = app.Aws.AddAccount(accountId, findings).WithRole(readOnlyRole, externalId, AwsRolePurpose.ReadOnly);
        return new AwsCustomer(company, name, representative, csm, accountId, aws);
    }

    /// <summary>Opens the CSM's task of this company from the inbox, claims it, fills it and completes it.</summary>
    public static async Task CsmTaskAsync(AwsBrowserAppFactory app, IPage staff, AwsCustomer customer, string title, string node, Func<ILocator, Task> fill, string? screenshot = null)
    {
        await app.OpenAsync(staff, customer.Csm, "/Staff/Tasks");
        var row = staff.Locator("[data-test=inbox-row]", new() { HasText = customer.CompanyName }).Filter(new() { HasText = title });
        await Expect(row).ToHaveCountAsync(1);
        await row.Locator("[data-test=open-task]").ClickAsync();
        await staff.WaitForURLAsync(TaskPage());
        await staff.ClickAsync("[data-test=claim]");
        var form = staff.Locator($"[data-test=task-form-{node}]");
        await fill(form);
        if (screenshot is not null)
        {
            await BrowserSession.ScreenshotAsync(staff, screenshot);
        }

        await staff.ClickAsync($"[data-test=complete-{node}]");
        await Expect(staff.Locator("[data-test=flash]")).ToBeVisibleAsync();
    }

    /// <summary>A one-hour slot at 14:00 JST two business days ahead, as a datetime-local value.</summary>
    public static string Slot(AwsBrowserAppFactory app, int weekdaysAhead = 2)
    {
        var day = Core.Time.Tokyo.Today(app.Clock);
        for (var added = 0; added < weekdaysAhead;)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Core.Calendar.JapaneseHolidays.IsHoliday(day))
            {
                added++;
            }
        }

        return $"{day:yyyy-MM-dd}T14:00";
    }

    /// <summary>
    /// Waits for the application's open timer (a settle day or a meeting time), moves the clock to it and fires it as
    /// Hangfire would. The customer comes back at that time: the page is opened again first (signing in again, as the
    /// wait outlasts the session's idle timeout; signing in moves the clock to a fresh TOTP step), so that nothing the
    /// fired step starts (a back-off on the same clock) is overtaken by the sign-in.
    /// </summary>
    public static async Task FireTimerAsync(AwsBrowserAppFactory app, Guid applicationId, Action? beforeFiring = null, (IPage Page, TestAccount Account)? comeBack = null)
    {
        (Guid Id, DateTimeOffset? DueAt)? timer = null;
        await Eventually.WaitAsync(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var instance = await scope.ServiceProvider.GetRequiredService<CoreDbContext>().Applications
                .Where(a => a.Id == applicationId).Select(a => a.WorkflowInstanceId).SingleAsync();
            var found = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Bookmarks.AsNoTracking()
                .Where(b => b.InstanceId == instance && b.Kind == BookmarkKind.Timer && b.ResumedAt == null && b.CancelledAt == null)
                .Select(b => new { b.Id, b.DueAt }).SingleOrDefaultAsync();
            timer = found is null ? null : (found.Id, found.DueAt);
            return found is not null;
        }, TimeSpan.FromSeconds(60));
        var (id, due) = timer ?? throw new TimeoutException("No open timer.");
        if (due > app.Clock.GetUtcNow())
        {
            app.Clock.Advance(due.Value - app.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        }

        if (comeBack is var (page, account))
        {
            await app.OpenAsync(page, account, $"/Applications/{applicationId}");
        }

        beforeFiring?.Invoke(); // e.g. a fault for the step after the wait, once nothing before it can meet the fault

        await using var jobs = app.Services.CreateAsyncScope();
        await jobs.ServiceProvider.GetRequiredService<WorkflowJobs>().RunBookmarkAsync(id);
    }

    /// <summary>
    /// Reloads the application page until the live progress shows <paramref name="text"/>. The host runs on the test's
    /// clock: the worker writes its progress each second of that clock (<c>Workflows:LeaseCheckInterval</c>) and the
    /// collectors' back-off waits on it too, so the clock moves a second at a time while the page is watched.
    /// </summary>
    public static async Task ProgressShowsAsync(AwsBrowserAppFactory app, IPage customer, Guid applicationId, string text)
    {
        // The page's own progress feed (what its script draws), read until the worker has written the state; the
        // clock then stands still, so the state stays (the back-off waits on the same clock) while the page draws it.
        var seen = new List<string>();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var feed = await (await customer.APIRequest.GetAsync($"/Applications/{applicationId}?handler=Progress")).TextAsync();
            if (feed.Contains(text, StringComparison.Ordinal))
            {
                break;
            }

            if (seen.Count == 0 || seen[^1] != feed)
            {
                seen.Add(feed);
            }

            // Patience in wall-clock time (the worker shares 2 cores with the browser and the build), not in steps.
            if (watch.Elapsed > ReportPatience)
            {
                Assert.Fail($"the progress never showed \"{text}\"; the feed showed:\n{string.Join("\n", seen.TakeLast(8))}\n{await InstanceStateAsync(app, applicationId)}");
            }

            app.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1_000);
        }

        await customer.ReloadAsync();
        var line = customer.Locator("[data-test=activity-progress] [data-test=activity-line]", new() { HasText = text });
        await Expect(line).ToBeVisibleAsync();
    }

    /// <summary>The application's workflow as a failure message reads it: open bookmarks, incidents, the journal's tail.</summary>
    public static async Task<string> InstanceStateAsync(AwsBrowserAppFactory app, Guid applicationId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var instance = await scope.ServiceProvider.GetRequiredService<CoreDbContext>().Applications.IgnoreQueryFilters()
            .Where(a => a.Id == applicationId).Select(a => a.WorkflowInstanceId).SingleAsync();
        var workflows = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var bookmarks = await workflows.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instance && b.ResumedAt == null && b.CancelledAt == null)
            .ToListAsync();
        var open = bookmarks.Select(b => $"bookmark {b.NodeId} {b.Kind} due {b.DueAt:o} dispatched {b.DispatchedAt:o} x{b.DispatchCount} lease {b.LeaseOwner} {b.LeaseExpiresAt:o}");
        var incidents = await workflows.Incidents.AsNoTracking().Where(i => i.InstanceId == instance && i.ResolvedAt == null)
            .Select(i => new { i.NodeId, i.Error }).ToListAsync();
        var journal = (await workflows.Journal.AsNoTracking().Where(j => j.InstanceId == instance).OrderByDescending(j => j.Sequence).Take(12)
            .Select(j => new { j.At, j.Kind, j.NodeId, j.Data }).ToListAsync()).Select(j => $"{j.At:o} {j.Kind} {j.NodeId} {j.Data}");
        return $"clock {app.Clock.GetUtcNow():o}\n{string.Join("\n", open.Concat(incidents.Select(i => $"incident {i.NodeId}: {i.Error}")).Concat(journal))}";
    }

    /// <summary>Reloads the application page until both reports (ja, en) are listed; returns the page's report rows.</summary>
    public static async Task<ILocator> ReportsListedAsync(AwsBrowserAppFactory app, IPage customer, Guid applicationId)
    {
        var rows = customer.Locator("[data-test=application-reports] [data-test=report-row]");
        var watch = Stopwatch.StartNew();
        while (await rows.CountAsync() < 2)
        {
            Assert.True(watch.Elapsed < ReportPatience, $"the reports were not listed in time\n{await InstanceStateAsync(app, applicationId)}");
            app.Clock.Advance(TimeSpan.FromSeconds(2)); // the workers' back-offs and heartbeats wait on the test clock
            await Task.Delay(2_000);
            await customer.ReloadAsync();
        }

        await Expect(rows).ToHaveCountAsync(2);
        return rows;
    }

    /// <summary>Downloads the PDF of a listed report as the signed-in user and returns its text (pdftotext, NFKC).</summary>
    public static async Task<string> PdfTextAsync(IPage page, ILocator row)
    {
        var href = await row.Locator("[data-test=report-pdf]").GetAttributeAsync("href");
        var response = await page.APIRequest.GetAsync(href!);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("attachment", response.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers["cache-control"], StringComparison.Ordinal);
        var pdf = await response.BodyAsync();
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        var file = Path.Combine(Path.GetTempPath(), $"cloudpack-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", file, "-"])
            {
                RedirectStandardOutput = true, StandardOutputEncoding = Encoding.UTF8, UseShellExecute = false,
            })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return text.Normalize(NormalizationForm.FormKC);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Switches the page's browser context to English (the portal's remembered language choice).</summary>
    public static Task EnglishAsync(AwsBrowserAppFactory app, IPage page) =>
        page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=en-US|uic=en-US", Url = app.BaseUrl }]);

    /// <summary>The company's ticket balance this fiscal year.</summary>
    public static Task<int> BalanceAsync(AwsBrowserAppFactory app, Guid companyId) => ProgrammeSetup.BalanceAsync(app.Services, companyId);
}
