using System.Diagnostics;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CloudpackPlus.Browser.Tests;

/// <summary>
/// The operations console (issue #16) in a real browser: the staff home shows the open-incident count; a CSM filters
/// the instance list, opens a viewer and completes the CSM task there with the inbox's form; an incident is retried
/// from its viewer; the viewer of an instance with 10,000 journal lines loads one page of the journal (the time is
/// printed, not asserted; docs/benchmarks.md keeps the figure); Japanese, then English. Screenshots: <c>operations-*.png</c>.
/// </summary>
public sealed class OperationsJourneyTests(BrowserAppFactory app, BrowserSession browser, ITestOutputHelper output)
    : IClassFixture<BrowserAppFactory>, IClassFixture<BrowserSession>
{
    private const string Unavailable = $"{BrowserSession.ChromiumPath} is not installed (scripts/test.sh installs Debian's chromium)";

    private async Task<StartResult> StartAsync(string definitionId, string correlation)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IWorkflowRuntime>().StartWorkflowAsync(definitionId, null, correlation);
    }

    private async Task ImportAsync(string json)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IDefinitionService>().ImportAsync(json, "tester", publish: true);
    }

    [SkippableFact]
    [Trait("Spec", "TRAIN-1")]
    public async Task CsmFiltersOpensAViewer_CompletesItsTask_RetriesAnIncident_AndALongJournalIsPaged()
    {
        Skip.IfNot(BrowserSession.IsAvailable, Unavailable);
        var company = await app.CreateCompanyAsync("OPSJRNY", "運用ジャーニー株式会社");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, "rep@opsjrny.example.jp");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, "csm@opsjrny.cloudpack.example.jp");
        var training = await app.StartTrainingAsync(company, rep, csm);
        await ImportAsync("""
            { "definitionId": "ops-journey-no-end", "activities": [ { "id": "start", "type": "Start" },
                { "id": "only", "type": "SetVariable", "inputs": { "name": "x", "value": 1 } } ],
              "connections": [ { "from": "start", "outcome": "Done", "to": "only" } ] }
            """);
        await ImportAsync("""
            { "definitionId": "ops-journey-long", "activities": [ { "id": "start", "type": "Start" },
                { "id": "wait", "type": "WaitForSignal", "inputs": { "signal": "go" } }, { "id": "end", "type": "End" } ],
              "connections": [ { "from": "start", "outcome": "Done", "to": "wait" }, { "from": "wait", "outcome": "Done", "to": "end" } ] }
            """);
        var faulted = await StartAsync("ops-journey-no-end", "ops-journey-incident");
        var longOne = await StartAsync("ops-journey-long", "ops-journey-long");
        // 10,000 journal lines (the runtime caps a live instance's journal far lower; these stand for a long-lived instance's history).
        Assert.Equal(10_000, await app.Database.ScalarAsync<long>($"""
            WITH added AS (INSERT INTO wf.journal (instance_id, sequence, at, kind, node_id, activity_type, data)
                SELECT '{longOne.InstanceId}', 1000 + g, now(), 'activity-completed', 'wait', 'WaitForSignal', jsonb_build_object('line', g)
                FROM generate_series(1, 10000) g RETURNING 1)
            SELECT count(*) FROM added
            """));
        var journalLines = await app.Database.ScalarAsync<long>($"SELECT count(*) FROM wf.journal WHERE instance_id = '{longOne.InstanceId}'");
        var openIncidents = await app.Database.ScalarAsync<long>("SELECT count(*) FROM wf.incidents WHERE resolved_at IS NULL");

        var page = await browser.NewPageAsync(app.BaseUrl);
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !response.Url.EndsWith("/favicon.ico", StringComparison.Ordinal))
            {
                problems.Add($"{response.Status} {response.Url}");
            }
        };
        await app.SignInAsync(page, csm);

        await page.GotoAsync("/");
        await Expect(page.Locator("[data-test=open-incident-count]")).ToContainTextAsync($"未解決のインシデント: {openIncidents} 件");
        await BrowserSession.ScreenshotAsync(page, "operations-01-staff-home");
        await page.ClickAsync("[data-test=open-incident-count] a");
        await Expect(page.Locator($"[data-instance='{faulted.InstanceId}']")).ToBeVisibleAsync();

        await page.GotoAsync("/Staff/Instances");
        await page.FillAsync("[data-test=filter-company]", "OPSJRNY");
        await page.SelectOptionAsync("[data-test=filter-waiting]", "staff");
        await page.ClickAsync("[data-test=filter-apply]");
        await Expect(page.Locator("[data-test=instance-row]")).ToHaveCountAsync(1);
        await BrowserSession.ScreenshotAsync(page, "operations-02-list-filtered");
        await page.ClickAsync("[data-test=open-instance]");
        await Expect(page.Locator("[data-test=task-form-agree]")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "operations-03-viewer-task");
        await page.FillAsync("[data-test=task-form-agree] [name=f_topic]", "AWS入門");
        await page.FillAsync("[data-test=task-form-agree] [name=f_startsAt]", "2026-05-20T14:00");
        await page.FillAsync("[data-test=task-form-agree] [name=f_durationMinutes]", "120");
        await page.FillAsync("[data-test=task-form-agree] [name=f_meetingUrl]", "https://meet.example.jp/ops");
        await page.ClickAsync("[data-test=complete-agree]");
        await Expect(page.Locator("[data-test=flash]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=task-form-agree]")).ToHaveCountAsync(0);
        await BrowserSession.ScreenshotAsync(page, "operations-04-task-completed");
        Assert.Equal("Completed", await app.Database.ScalarAsync<string>($"SELECT status FROM wf.tasks WHERE id = '{training.CsmTaskId}'"));

        await page.GotoAsync($"/Staff/Instances/{faulted.InstanceId}");
        await Expect(page.Locator("[data-test=incident-error]").First).ToContainTextAsync(IncidentErrors.OutOfWork);
        await Expect(page.Locator("#instance-graph")).ToHaveAttributeAsync("data-drawn", "true"); // the version's graph, drawn by the designer's renderer
        await BrowserSession.ScreenshotAsync(page, "operations-05-incident");
        await page.ClickAsync("[data-test=retry-incident]");
        await Expect(page.Locator("[data-test=flash]")).ToContainTextAsync("インシデントを再実行しました");
        await BrowserSession.ScreenshotAsync(page, "operations-06-retried");

        var watch = Stopwatch.StartNew();
        await page.GotoAsync($"/Staff/Instances/{longOne.InstanceId}");
        await Expect(page.Locator("[data-test=journal-line]")).ToHaveCountAsync(50);
        watch.Stop();
        output.WriteLine($"Instance viewer with 10,000 journal lines: {watch.ElapsedMilliseconds} ms (navigation to the rendered first journal page)");
        await Expect(page.Locator("[data-test=pager-journal]")).ToContainTextAsync($"{journalLines} 件中 1 / ");
        await BrowserSession.ScreenshotAsync(page, "operations-07-long-journal");

        await page.GotoAsync("/Settings");
        await page.SelectOptionAsync("[data-test=language]", "en-US");
        await page.ClickAsync("[data-test=save-language]");
        await page.GotoAsync($"/Staff/Instances/{faulted.InstanceId}");
        await Expect(page.Locator("h2").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=instance-incidents] h2")).ToHaveTextAsync("Incidents");
        await BrowserSession.ScreenshotAsync(page, "operations-08-viewer-en");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
