using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CloudpackPlus.Core.Calendar;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CloudpackPlus.Browser.Tests;

/// <summary>Issue #16's performance item: a 200-node definition opens and is interactive, drawn all at once and virtually (times printed).</summary>
public sealed partial class DesignerJourneyTests
{
    [SkippableFact]
    public async Task A200NodeDefinition_OpensAndIsInteractive_TimePrinted()
    {
        Skip.IfNot(BrowserSession.IsAvailable, Unavailable);
        var admin = await app.CreateAccountAsync(null, PersonRole.Admin, "admin@designer-perf.cloudpack.example.jp");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IDefinitionService>().ImportAsync(LargeDefinition(200), "test", publish: false);
        }

        var page = await browser.NewPageAsync(app.BaseUrl);
        var problems = WatchForErrors(page);
        await app.SignInAsync(page, admin);
        // One unmeasured visit, so both measured ones find the bundle in the cache alike.
        await page.GotoAsync("/Staff/Workflows/Edit/designer-perf-200");
        await Expect(page.Locator("#designer-canvas")).ToHaveAttributeAsync("data-ready", "true");

        var all = await OpenLargeAsync(page, "?draw=all");
        await BrowserSession.ScreenshotAsync(page, "designer-09-200-nodes-all");
        var virtualised = await OpenLargeAsync(page, "");
        await BrowserSession.ScreenshotAsync(page, "designer-09-200-nodes");
        output.WriteLine($"200-node definition, every cell drawn (?draw=all): drawn {all.Drawn:F0} ms after navigation (script ready at {all.ScriptReady} ms), interactive {all.Interactive:F0} ms, {all.Mounted} nodes in the DOM");
        output.WriteLine($"200-node definition, virtual rendering (default): drawn {virtualised.Drawn:F0} ms after navigation (script ready at {virtualised.ScriptReady} ms), interactive {virtualised.Interactive:F0} ms, {virtualised.Mounted} nodes in the DOM");
        Assert.Equal(200, all.Mounted);
        Assert.InRange(virtualised.Mounted, 1, 199); // only what is in view (plus a margin) is drawn

        // Zooming out to the whole definition mounts the steps that were out of view, down to the end.
        await page.Locator("[data-test=fit]").ClickAsync();
        await Expect(page.Locator("#designer-canvas g[data-cell-id=end]")).ToHaveCountAsync(1);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Opens the 200-node definition; times from navigation until drawn and until a click has selected a node.</summary>
    private static async Task<(double Drawn, double Interactive, string ScriptReady, int Mounted)> OpenLargeAsync(IPage page, string query)
    {
        var clock = Stopwatch.StartNew();
        await page.GotoAsync("/Staff/Workflows/Edit/designer-perf-200" + query);
        await Expect(page.Locator("#designer-canvas")).ToHaveAttributeAsync("data-ready", "true");
        var drawn = clock.Elapsed.TotalMilliseconds;
        await page.Locator("#designer-canvas g[data-cell-id=step-2]").ClickAsync();
        await Expect(page.Locator("[data-test=node-id]")).ToHaveValueAsync("step-2");
        var interactive = clock.Elapsed.TotalMilliseconds;
        Assert.Equal("200", await page.Locator("#designer-canvas").GetAttributeAsync("data-nodes"));
        var mounted = await page.Locator("#designer-canvas [data-shape=cp-activity]").CountAsync();
        return (drawn, interactive, await page.EvaluateAsync<string>("() => document.body.dataset.designerReadyMs"), mounted);
    }

    /// <summary>Start → 198 steps (every 20th a decision that skips one step) → End, without positions (laid out automatically).</summary>
    private static string LargeDefinition(int count)
    {
        var activities = new List<object> { new { id = "start", type = "Start" } };
        var connections = new List<object>();
        var previous = "start";
        for (var i = 1; i < count - 1; i++)
        {
            var id = $"step-{i}";
            var decision = i % 20 == 0 && i < count - 3;
            activities.Add(decision
                ? new { id, type = "Decision", inputs = (object)new { condition = new { expr = "variables.n > 1" } } }
                : new { id, type = "SetVariable", inputs = (object)new { name = "n", value = i } });
            connections.Add(new { from = previous, outcome = previous.StartsWith("step-", StringComparison.Ordinal) && int.Parse(previous[5..], System.Globalization.CultureInfo.InvariantCulture) % 20 == 0 && i > 2 ? "False" : "Done", to = id });
            if (decision)
            {
                connections.Add(new { from = id, outcome = "True", to = $"step-{i + 2}" });
            }

            previous = id;
        }

        activities.Add(new { id = "end", type = "End" });
        connections.Add(new { from = previous, outcome = "Done", to = "end" });
        return JsonSerializer.Serialize(new { definitionId = "designer-perf-200", name = "200 steps", activities, connections });
    }
}
