using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudpackPlus.Browser.Tests;

/// <summary>
/// Issue #16, the designer's editors: a Switch's outcome ports follow its cases as they are typed, and the apply form
/// editor (the designer's form schema editor with live preview) publishes a service's form as a new version.
/// Screenshots are named <c>designer-1*.png</c>.
/// </summary>
public sealed partial class DesignerJourneyTests
{
    private const string SwitchFlow = """
        { "definitionId": "designer-switch", "name": "分岐のテスト", "nameEn": "Switch test",
          "activities": [ { "id": "start", "type": "Start", "position": { "x": 300, "y": 40 } }, { "id": "end", "type": "End", "position": { "x": 300, "y": 400 } } ],
          "connections": [ { "from": "start", "outcome": "Done", "to": "end" } ] }
        """;

    /// <summary>Japanese as written (as the editor shows it), not \u escapes.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Readable = new()
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [SkippableFact]
    [Trait("Spec", "ADV-1")]
    public async Task SwitchPorts_FollowItsCases_AsTheyAreTyped()
    {
        Skip.IfNot(BrowserSession.IsAvailable, Unavailable);
        var admin = await app.CreateAccountAsync(null, PersonRole.Admin, "admin@designer-switch.cloudpack.example.jp");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IDefinitionService>().ImportAsync(SwitchFlow, "test", publish: false);
        }

        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SetViewportSizeAsync(1280, 1500);
        var problems = WatchForErrors(page);
        await app.SignInAsync(page, admin);
        await page.GotoAsync("/Staff/Workflows/Edit/designer-switch");
        await Expect(page.Locator("#designer-canvas")).ToHaveAttributeAsync("data-ready", "true");

        await page.FillAsync("[data-test=palette-filter]", "Switch");
        var item = await page.Locator("[data-test=palette-Switch]").BoundingBoxAsync();
        var (x, y) = await BlankPointAsync(page);
        await page.Mouse.MoveAsync(item!.X + (item.Width / 2), item.Y + (item.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x, y, new() { Steps = 12 });
        await page.Mouse.UpAsync();
        var id = await page.Locator("[data-test=node-id]").InputValueAsync();
        var ports = page.Locator($"#designer-canvas g[data-cell-id={id}] [port-group=out]");
        await Expect(ports).ToHaveCountAsync(1); // Default only

        await page.FillAsync("[data-test=input-cases]", """[{ "name": "big", "condition": true }, { "name": "small", "condition": false }]""");
        await Expect(ports).ToHaveCountAsync(3);
        await Expect(page.Locator($"#designer-canvas g[data-cell-id={id}]")).ToContainTextAsync("small");
        await BrowserSession.ScreenshotAsync(page, "designer-10-switch-cases");
        await page.FillAsync("[data-test=input-cases]", """[{ "name": "big", "condition": true }]""");
        await Expect(ports).ToHaveCountAsync(2);
        await Expect(page.Locator($"#designer-canvas g[data-cell-id={id}]")).Not.ToContainTextAsync("small");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [SkippableFact]
    [Trait("Spec", "ADV-1")]
    public async Task ApplyFormEditor_PreviewsAsTyped_RefusesUnknownTypes_AndPublishesANewVersion()
    {
        Skip.IfNot(BrowserSession.IsAvailable, Unavailable);
        var admin = await app.CreateAccountAsync(null, PersonRole.Admin, "admin@designer-form.cloudpack.example.jp");
        var page = await browser.NewPageAsync(app.BaseUrl);
        var problems = WatchForErrors(page);
        await app.SignInAsync(page, admin);
        await page.GotoAsync("/Staff/Workflows");
        await page.ClickAsync("[data-test=apply-form-COST-C]");
        await Expect(page.Locator("#apply-form-editor")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.Locator("[data-test=apply-form-version]")).ToContainTextAsync("v1");
        await Expect(page.Locator("[data-test=preview-theme]")).ToBeVisibleAsync();

        var editor = page.Locator("[data-test=input-applyForm]");
        var schema = await editor.InputValueAsync();
        var unknown = System.Text.Json.Nodes.JsonNode.Parse(schema)!;
        unknown["fields"]![1]!["type"] = "hologram";
        await editor.FillAsync(unknown.ToJsonString());
        await Expect(page.Locator("[data-test=form-errors-applyForm]")).ToContainTextAsync("hologram");

        var relabelled = System.Text.Json.Nodes.JsonNode.Parse(schema)!;
        relabelled["fields"]![0]!["label"] = new System.Text.Json.Nodes.JsonObject { ["ja"] = "ご相談のテーマ(改訂)", ["en"] = "Theme (revised)" };
        await editor.FillAsync(relabelled.ToJsonString(Readable));
        await Expect(page.Locator("[data-test=preview-theme]")).ToContainTextAsync("ご相談のテーマ(改訂)");
        await Expect(page.Locator("[data-test=form-errors-applyForm]")).ToBeEmptyAsync();
        await BrowserSession.ScreenshotAsync(page, "designer-11-apply-form");
        await page.ClickAsync("[data-test=apply-form-publish]");
        await Expect(page.Locator("[data-test=flash]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=apply-form-version]")).ToContainTextAsync("v2");
        await Expect(page.Locator("[data-test=apply-form-version-2]")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "designer-12-apply-form-published");
        Assert.Equal(2, await app.Database.ScalarAsync<int?>("SELECT apply_form_version FROM core.catalogue_entries WHERE id = 'COST-C'"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
