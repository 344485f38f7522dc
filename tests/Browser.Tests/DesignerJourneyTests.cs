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

/// <summary>
/// Issue #16, the designer: an admin drags a notification step between two steps of the training flow, sets its inputs
/// and publishes v2; the training applied for before stays on v1 (and goes on along v1's path) while a new one runs v2
/// through the new step; the version diff shows the added node; a dangling edge cannot be published and the problem is
/// pinned on its node; a CSM cannot open the editor; a 200-node definition opens and is interactive (time printed).
/// Screenshots are named <c>designer-*.png</c>.
/// </summary>
public sealed partial class DesignerJourneyTests(BrowserAppFactory app, BrowserSession browser, ITestOutputHelper output)
    : IClassFixture<BrowserAppFactory>, IClassFixture<BrowserSession>
{
    private const string Unavailable = $"{BrowserSession.ChromiumPath} is not installed (scripts/test.sh installs Debian's chromium)";
    private const string Added = "notifyapplication-1";

    [SkippableFact]
    [Trait("Spec", "ADV-1")]
    [Trait("Spec", "TRAIN-1")]
    public async Task AdminInsertsAStep_PublishesV2_RunningTrainingStaysOnV1_DiffShowsIt_DanglingEdgeRefused_CsmRefused()
    {
        Skip.IfNot(BrowserSession.IsAvailable, Unavailable);
        var admin = await app.CreateAccountAsync(null, PersonRole.Admin, "admin@designer.cloudpack.example.jp");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, "csm@designer.cloudpack.example.jp");
        var (before, beforeRep) = await TrainingAsync("DSG1", csm);
        var page = await browser.NewPageAsync(app.BaseUrl);
        // Tall enough that the palette and the whole canvas are on screen: the drags below use raw mouse positions.
        await page.SetViewportSizeAsync(1280, 1500);
        var problems = WatchForErrors(page);
        await app.SignInAsync(page, admin);

        await page.GotoAsync("/Staff/Workflows");
        await Expect(page.Locator("[data-test=published-aws-training]")).ToHaveTextAsync("v1");
        await Expect(page.Locator("[data-test=running-aws-training]")).ToContainTextAsync("v1:");
        await BrowserSession.ScreenshotAsync(page, "designer-01-list");

        await page.ClickAsync("[data-test=edit-aws-training]");
        await Expect(page.Locator("#designer-canvas")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.Locator("#designer-canvas g[data-cell-id=agree]")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "designer-02-editor");

        // Drag the notification from the palette (found with its filter) onto the arrow proposed → tell-customer-proposal.
        await page.FillAsync("[data-test=palette-filter]", "NotifyApplication");
        await Expect(page.Locator(".palette-item:visible")).ToHaveCountAsync(1);
        var (x, y) = await EdgeMiddleAsync(page, "proposed", "tell-customer-proposal");
        var item = await page.Locator("[data-test=palette-NotifyApplication]").BoundingBoxAsync();
        await page.Mouse.MoveAsync(item!.X + (item.Width / 2), item.Y + (item.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x, y, new() { Steps = 12 });
        await page.Mouse.UpAsync();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        output.WriteLine($"dropped from ({item.X}, {item.Y}) at ({x}, {y}); nodes: {await page.Locator("#designer-canvas [data-shape=cp-activity]").CountAsync()}");
        await Expect(page.Locator($"#designer-canvas g[data-cell-id={Added}]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=panel-title]")).ToContainTextAsync("申請の関係者へ通知");

        await page.SelectOptionAsync("[data-test=input-to]", "staff");
        await page.FillAsync("[data-test=input-kind]", "designer-proposal-sent");
        await page.FillAsync("[data-test=input-titleJa]", "日程を提案しました");
        await page.FillAsync("[data-test=input-titleEn]", "A date was proposed");
        await page.FillAsync("[data-test=input-bodyJa]", "題目: {{ variables.agreement. }}");
        await Expect(page.Locator("[data-test=expr-errors-bodyJa]")).ToHaveAttributeAsync("data-state", "error");
        await page.FillAsync("[data-test=input-bodyJa]", "題目: {{ variables.agreement.topic }}");
        await Expect(page.Locator("[data-test=expr-errors-bodyJa]")).ToHaveAttributeAsync("data-state", "ok");
        await Expect(page.Locator("[data-test=save-status]")).ToHaveAttributeAsync("data-state", "saved");
        await Expect(page.Locator("[data-test=problems] li")).ToHaveCountAsync(0);
        await BrowserSession.ScreenshotAsync(page, "designer-03-inserted");

        await page.ClickAsync("[data-test=publish]");
        await Expect(page.Locator("[data-test=publish-result]")).ToHaveAttributeAsync("data-state", "published");
        await Expect(page.Locator("[data-test=publish-result]")).ToContainTextAsync("v2");
        await BrowserSession.ScreenshotAsync(page, "designer-04-published");
        var v2 = await GraphAsync(2);
        Assert.Contains(new Connection("proposed", "Done", Added), v2.Connections);
        Assert.Contains(new Connection(Added, "Done", "tell-customer-proposal"), v2.Connections);
        Assert.DoesNotContain(new Connection("proposed", "Done", "tell-customer-proposal"), v2.Connections);
        Assert.Equal("designer-proposal-sent", v2.Activities.Single(a => a.Id == Added).Inputs["kind"].GetString());

        // A dangling edge: from the new step's outcome port to the blank canvas. It cannot be published; the problem is on the node.
        // (A click on the blank canvas first: the selected step's selection box lies over its ports.)
        var (blankX, blankY) = await BlankPointAsync(page);
        await page.Mouse.ClickAsync(blankX, blankY);
        await Expect(page.Locator(".x6-widget-selection-box")).ToHaveCountAsync(0);
        var port = await page.Locator($"#designer-canvas g[data-cell-id={Added}] [port-group=out]").First.BoundingBoxAsync();
        await page.Mouse.MoveAsync(port!.X + (port.Width / 2), port.Y + (port.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(blankX, blankY, new() { Steps = 12 });
        await page.Mouse.UpAsync();
        await Expect(page.Locator($"[data-test=problem][data-node={Added}][data-code=dangling-connection]")).ToBeVisibleAsync();
        await page.ClickAsync("[data-test=publish]");
        await Expect(page.Locator("[data-test=publish-result]")).ToHaveAttributeAsync("data-state", "error");
        await Expect(page.Locator($"#designer-canvas g[data-cell-id={Added}] [data-test=node-badge]")).ToContainTextAsync("⚠");
        await BrowserSession.ScreenshotAsync(page, "designer-05-dangling-refused");
        Assert.Equal(2, await PublishedVersionAsync());

        // Running instances stay on their version: the one applied for before goes on along v1, a new one runs v2's new step.
        var (after, _) = await TrainingAsync("DSG2", csm);
        Assert.Equal((1, 2), (await VersionOfAsync(before), await VersionOfAsync(after)));
        await AgreeAsync(before, csm);
        await AgreeAsync(after, csm);
        Assert.DoesNotContain(Added, await VisitedAsync(before));
        Assert.Contains("tell-customer-proposal", await VisitedAsync(before));
        Assert.Contains(Added, await VisitedAsync(after));
        await ConfirmAsync(before, beforeRep);
        Assert.Equal(1, await VersionOfAsync(before));
        Assert.Contains("accepted", await VisitedAsync(before));

        await page.GotoAsync("/Staff/Workflows/History/aws-training?from=1&to=2");
        await Expect(page.Locator("[data-test=diff-added]")).ToContainTextAsync(Added);
        await Expect(page.Locator("#diff-graph")).ToHaveAttributeAsync("data-drawn", "true");
        await Expect(page.Locator($"#diff-graph g[data-cell-id={Added}] [data-test=node-badge]")).ToHaveTextAsync("+");
        await BrowserSession.ScreenshotAsync(page, "designer-06-diff");

        // The instance viewer's read-only graph (the operations console embeds it): the same shapes, the path with counts,
        // the current node and an incident marked; injected here as the viewer's page would render it.
        await page.GotoAsync("/Staff/Workflows");
        await page.EvaluateAsync("""
            (json) => {
              const div = document.createElement('div');
              div.id = 'instance-graph';
              document.body.appendChild(div);
              const data = document.createElement('script');
              data.type = 'application/json';
              data.id = 'instance-graph-data';
              data.textContent = JSON.stringify({ definition: JSON.parse(json), visited: { start: 1, 'tell-csm-new': 1, agree: 2 }, current: ['agree'], incidents: ['tell-csm-new'] });
              document.body.appendChild(data);
              const script = document.createElement('script');
              script.src = '/assets/dist/instance-graph.js';
              document.body.appendChild(script);
            }
            """, v2.ToJson());
        await Expect(page.Locator("#instance-graph")).ToHaveAttributeAsync("data-drawn", "true");
        await Expect(page.Locator("#instance-graph g[data-cell-id=agree] [data-test=node-badge]")).ToHaveTextAsync("×2");
        await Expect(page.Locator("#instance-graph g[data-cell-id=tell-csm-new] [data-test=node-badge]")).ToHaveTextAsync("⚠");
        await Expect(page.Locator($"#instance-graph g[data-cell-id={Added}]")).ToHaveCountAsync(1);
        await page.Locator("#instance-graph").ScrollIntoViewIfNeededAsync();
        await BrowserSession.ScreenshotAsync(page, "designer-07-instance-graph");

        await page.GotoAsync("/Settings");
        await page.SelectOptionAsync("[data-test=language]", "en-US");
        await page.ClickAsync("[data-test=save-language]");
        await page.GotoAsync("/Staff/Workflows/Edit/aws-training");
        await Expect(page.Locator("#designer-canvas")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.Locator("[data-test=publish]")).ToHaveTextAsync("Publish");
        await Expect(page.Locator("[data-test=palette-NotifyApplication]")).ToContainTextAsync("Notify about application");
        await BrowserSession.ScreenshotAsync(page, "designer-08-en");

        var csmPage = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(csmPage, csm);
        await csmPage.GotoAsync("/Staff/Workflows/Edit/aws-training");
        Assert.Contains("/Account/AccessDenied", csmPage.Url, StringComparison.Ordinal);
        await Expect(csmPage.Locator("[data-test=nav-workflows]")).ToHaveCountAsync(0);

        Assert.True(problems.Count == 0, string.Join("\n", problems)); // a CSP violation is reported as a console error
    }

    private static List<string> WatchForErrors(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        return problems;
    }

    /// <summary>The client point halfway along the drawn edge from one node to another.</summary>
    private static async Task<(float X, float Y)> EdgeMiddleAsync(IPage page, string from, string to)
    {
        var point = await page.EvaluateAsync<float[]>("""
            ([from, to]) => {
              const edge = [...document.querySelectorAll('#designer-canvas g[data-cell-id^="edge:"]')]
                .find((g) => g.getAttribute('data-cell-id').startsWith(`edge:${from}:Done:${to}:`));
              const path = edge.querySelector('path');
              const p = path.getPointAtLength(path.getTotalLength() / 2);
              const m = path.getScreenCTM();
              return [p.x * m.a + p.y * m.c + m.e, p.x * m.b + p.y * m.d + m.f];
            }
            """, new[] { from, to });
        return (point[0], point[1]);
    }

    /// <summary>A client point on the canvas where no node, edge or minimap is drawn.</summary>
    private static async Task<(float X, float Y)> BlankPointAsync(IPage page)
    {
        var point = await page.EvaluateAsync<float[]>("""
            () => {
              const r = document.getElementById('designer-canvas').getBoundingClientRect();
              for (let y = r.top + 20; y < Math.min(r.bottom, window.innerHeight) - 20; y += 25) {
                for (let x = r.left + 20; x < r.right - 220; x += 25) {
                  const hit = document.elementFromPoint(x, y);
                  if (hit && hit.closest('#designer-canvas') && !hit.closest('[data-cell-id]') && !hit.closest('#designer-minimap')) return [x, y];
                }
              }
              return [r.left + 5, r.top + 5];
            }
            """);
        return (point[0], point[1]);
    }

    private async Task<(Guid Instance, TestAccount Representative)> TrainingAsync(string key, TestAccount csm)
    {
        var company = await app.CreateCompanyAsync($"{key}X", $"設計{key}株式会社");
        var representative = await app.CreateAccountAsync(company, PersonRole.Representative, $"rep-{key}@designer.example.jp".ToLowerInvariant());
        var training = await app.StartTrainingAsync(company, representative, csm);
        await using var scope = app.Services.CreateAsyncScope();
        var instance = await scope.ServiceProvider.GetRequiredService<CoreDbContext>().Applications
            .Where(a => a.Id == training.ApplicationId).Select(a => a.WorkflowInstanceId).SingleAsync();
        return (instance, representative);
    }

    private async Task AgreeAsync(Guid instance, TestAccount csm)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var day = (await scope.ServiceProvider.GetRequiredService<BusinessCalendarService>().GetAsync()).NextBusinessDay(Tokyo.Today(app.Clock).AddDays(6));
        var data = new Dictionary<string, JsonElement>
        {
            ["topic"] = JsonSerializer.SerializeToElement("AWS入門"),
            ["startsAt"] = JsonSerializer.SerializeToElement($"{day:yyyy-MM-dd}T14:00:00+09:00"),
            ["durationMinutes"] = JsonSerializer.SerializeToElement(120),
            ["meetingUrl"] = JsonSerializer.SerializeToElement("https://meet.example.jp/designer"),
        };
        await CompleteAsync(scope, instance, "agree", new TaskActor(csm.PersonId.ToString(), [TaskRoles.Csm]), data);
    }

    private async Task ConfirmAsync(Guid instance, TestAccount representative)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var actor = new TaskActor(representative.PersonId.ToString(), [TaskRoles.CustomerRepresentative, TaskRoles.CustomerUser], representative.CompanyId);
        await CompleteAsync(scope, instance, "confirm", actor, new Dictionary<string, JsonElement> { ["decision"] = JsonSerializer.SerializeToElement("accept") });
    }

    private static async Task CompleteAsync(AsyncServiceScope scope, Guid instance, string node, TaskActor actor, Dictionary<string, JsonElement> data)
    {
        var tasks = scope.ServiceProvider.GetRequiredService<ITaskService>();
        var task = (await tasks.ListForInstanceAsync(instance)).Single(t => t.NodeId == node && t.CompletedAt == null);
        var result = await tasks.CompleteAsync(task.Id, actor, data);
        Assert.True(result.Outcome == TaskCommandOutcome.Succeeded, $"{node}: {result.Outcome} {string.Join("; ", result.Errors)}");
    }

    private async Task<List<string>> VisitedAsync(Guid instance)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Journal.AsNoTracking()
            .Where(j => j.InstanceId == instance && j.NodeId != null).Select(j => j.NodeId!).Distinct().ToListAsync();
    }

    private async Task<int> VersionOfAsync(Guid instance)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Instances.Where(i => i.Id == instance).Select(i => i.Version).SingleAsync();
    }

    private async Task<int> PublishedVersionAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Definitions
            .Where(d => d.DefinitionId == "aws-training" && d.IsPublished).Select(d => d.Version).SingleAsync();
    }

    private async Task<WorkflowGraph> GraphAsync(int version)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return WorkflowGraph.Parse(await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Definitions
            .Where(d => d.DefinitionId == "aws-training" && d.Version == version).Select(d => d.Graph).SingleAsync());
    }
}
