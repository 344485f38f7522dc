using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Workflows;

/// <summary>
/// Apply forms with versions (issue #16): the admin's form editor publishes a new version, applications keep the version
/// they were made under (and are shown with its labels), a form with an unknown field type is refused naming it, a publish
/// from an old version is refused as "changed by someone else" without losing the admin's text, and the services API
/// goes through the same versions.
/// </summary>
public sealed class ApplyFormVersionTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private async Task<PortalClient> AdminAsync(string key)
    {
        var admin = await app.CreateAccountAsync(null, PersonRole.Admin, $"admin-{key}@forms.cloudpack.example.jp");
        var client = new PortalClient(app);
        await client.SignInAsync(admin);
        return client;
    }

    private Task<int?> PublishedVersionAsync(string service) =>
        app.Database.ScalarAsync<int?>($"SELECT apply_form_version FROM core.catalogue_entries WHERE id = '{service}'");

    private Task<long> VersionCountAsync(string service) =>
        app.Database.ScalarAsync<long>($"SELECT count(*) FROM core.apply_form_versions WHERE service_id = '{service}'");

    /// <summary>The service's published form with the label of field <paramref name="field"/> replaced.</summary>
    private async Task<string> RelabelledAsync(string service, string field, string ja, string en)
    {
        var form = JsonNode.Parse((await app.Database.ScalarAsync<string>($"SELECT apply_form::text FROM core.catalogue_entries WHERE id = '{service}'"))!)!;
        var node = form["fields"]!.AsArray().Single(f => (string?)f!["name"] == field)!;
        node["label"] = new JsonObject { ["ja"] = ja, ["en"] = en };
        return form.ToJsonString();
    }

    private static Dictionary<string, string> Publish(string schema, int? baseVersion) => new()
    {
        ["Schema"] = schema, ["BaseVersion"] = baseVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    [Fact]
    [Trait("Spec", "ADV-1")]
    public async Task Publish_MakesTheNextVersion_AndAnOldApplicationKeepsItsVersion()
    {
        var company = await app.CreateCompanyAsync("FRM1", "フォーム株式会社");
        var representative = await app.CreateAccountAsync(company, PersonRole.Representative, "rep@frm1.example.jp");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, "csm@frm1.cloudpack.example.jp");
        var old = await app.StartTrainingAsync(company, representative, csm);
        var before = (await PublishedVersionAsync("TRAIN-1"))!.Value;
        Assert.Equal(before, await app.Database.ScalarAsync<int?>($"SELECT apply_form_version FROM core.applications WHERE id = '{old.ApplicationId}'"));
        using var admin = await AdminAsync("publish");
        Assert.Contains($"v{before}", await admin.GetPageAsync("/Staff/Workflows/ApplyForm/TRAIN-1"), StringComparison.Ordinal);

        using var published = await admin.PostFormAsync("/Staff/Workflows/ApplyForm/TRAIN-1",
            Publish(await RelabelledAsync("TRAIN-1", "goals", "改訂後の目的欄", "Revised goals field"), before));

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(before + 1, await PublishedVersionAsync("TRAIN-1"));
        Assert.Contains("Revised goals field", await app.Database.ScalarAsync<string>(
            $"SELECT schema::text FROM core.apply_form_versions WHERE service_id = 'TRAIN-1' AND version = {before + 1}"), StringComparison.Ordinal);
        Assert.Contains("受講の目的・ゴール", await app.Database.ScalarAsync<string>(
            $"SELECT schema::text FROM core.apply_form_versions WHERE service_id = 'TRAIN-1' AND version = {before}"), StringComparison.Ordinal);

        // The old application is shown with the labels of its version; a new one is made under the new version.
        using var customer = new PortalClient(app);
        await customer.SignInAsync(representative);
        var page = await customer.GetPageAsync($"/Applications/{old.ApplicationId}");
        Assert.Contains("受講の目的・ゴール", page, StringComparison.Ordinal);
        Assert.DoesNotContain("改訂後の目的欄", page, StringComparison.Ordinal);
        Assert.Contains("改訂後の目的欄", await customer.GetPageAsync("/Services/Apply/TRAIN-1"), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var request = new TrainingRequest(ApplicationSetup.IntroTopic, "二回目", [new(Tokyo.Today(app.Clock).AddDays(8), Tokyo.Today(app.Clock).AddDays(22))], 3);
        var fresh = await scope.ServiceProvider.GetRequiredService<ApplicationDesk>().ApplyAsync("TRAIN-1", Guid.CreateVersion7(), request.ToFormData(), representative.PersonId);
        Assert.Equal(before + 1, await app.Database.ScalarAsync<int?>($"SELECT apply_form_version FROM core.applications WHERE id = '{fresh.ApplicationId}'"));
        Assert.Equal(before, await app.Database.ScalarAsync<int?>($"SELECT apply_form_version FROM core.applications WHERE id = '{old.ApplicationId}'"));
    }

    [Fact]
    [Trait("Spec", "ADV-1")]
    public async Task Publish_OfAFormWithAnUnknownFieldType_IsRefused_NamingTheProblem()
    {
        using var admin = await AdminAsync("unknown");
        var before = await PublishedVersionAsync("COST-C");

        using var refused = await admin.PostFormAsync("/Staff/Workflows/ApplyForm/COST-C",
            Publish("""{ "fields": [ { "name": "when", "type": "hologram" } ] }""", before));
        using var checkAsYouType = await admin.PostFormAsync("/Staff/Workflows/ApplyForm/COST-C",
            Publish("""{ "fields": [ { "name": "topic", "type": "choice", "optionsFrom": "no-such-source" } ] }""", before));
        using var notJson = await admin.PostFormAsync("/Staff/Workflows/ApplyForm/COST-C", Publish("{ not json", before));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("'when' has unknown type 'hologram'", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("hologram", html, StringComparison.Ordinal); // the admin's text is shown again
        Assert.Equal(HttpStatusCode.BadRequest, checkAsYouType.StatusCode);
        Assert.Contains("no-such-source", await checkAsYouType.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(before, await PublishedVersionAsync("COST-C"));
    }

    [Fact]
    [Trait("Spec", "ADV-1")]
    public async Task ConcurrentPublish_FromTheSameVersion_TheSecondIsRefusedAsChangedBySomeoneElse_AndKeepsItsText()
    {
        using var first = await AdminAsync("first");
        using var second = await AdminAsync("second");
        var before = await PublishedVersionAsync("SEC-C");
        var count = await VersionCountAsync("SEC-C");

        using var won = await first.PostFormAsync("/Staff/Workflows/ApplyForm/SEC-C", Publish(await RelabelledAsync("SEC-C", (await FirstFieldAsync("SEC-C"))!, "一人目", "First admin"), before));
        using var lost = await second.PostFormAsync("/Staff/Workflows/ApplyForm/SEC-C", Publish(await RelabelledAsync("SEC-C", (await FirstFieldAsync("SEC-C"))!, "二人目", "Second admin"), before));

        Assert.Equal(HttpStatusCode.Redirect, won.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, lost.StatusCode);
        var html = WebUtility.HtmlDecode(await lost.Content.ReadAsStringAsync());
        Assert.Contains("他の人が先に変更しました", html, StringComparison.Ordinal);
        Assert.Contains("Second admin", html, StringComparison.Ordinal);
        Assert.Equal(before + 1, await PublishedVersionAsync("SEC-C"));
        Assert.Equal(count + 1, await VersionCountAsync("SEC-C"));
        Assert.Contains("First admin", await app.Database.ScalarAsync<string>("SELECT apply_form::text FROM core.catalogue_entries WHERE id = 'SEC-C'"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "ADV-1")]
    public async Task ServicesApi_ChangingTheForm_MakesAVersion_AndTheSameFormMakesNone()
    {
        using var admin = await AdminAsync("api");
        object Service(string label) => new
        {
            nameJa = "版のテスト", nameEn = "Version test", category = "Security", descriptionJa = "説明", descriptionEn = "About",
            workflowDefinitionId = "sample-approval", ticketCost = 2, allowedRanks = Array.Empty<string>(),
            applyForm = new { fields = new[] { new { name = "note", type = "text", label = new { ja = label, en = label } } } },
        };

        using var created = await admin.Http.PutAsJsonAsync(new Uri("/api/services/FORM-VER", UriKind.Relative), Service("one"));
        using var same = await admin.Http.PutAsJsonAsync(new Uri("/api/services/FORM-VER", UriKind.Relative), Service("one"));
        Assert.Equal(1, await PublishedVersionAsync("FORM-VER"));
        using var changed = await admin.Http.PutAsJsonAsync(new Uri("/api/services/FORM-VER", UriKind.Relative), Service("two"));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(2, await PublishedVersionAsync("FORM-VER"));
        Assert.Equal(2, await VersionCountAsync("FORM-VER"));
        Assert.Contains("\"one\"", await app.Database.ScalarAsync<string>("SELECT schema::text FROM core.apply_form_versions WHERE service_id = 'FORM-VER' AND version = 1"), StringComparison.Ordinal);
    }

    private Task<string?> FirstFieldAsync(string service) =>
        app.Database.ScalarAsync<string>($"SELECT apply_form->'fields'->0->>'name' FROM core.catalogue_entries WHERE id = '{service}'");
}
