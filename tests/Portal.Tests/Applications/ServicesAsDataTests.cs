using System.Net;
using System.Net.Http.Json;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Testing.Host;

namespace CloudpackPlus.Portal.Tests.Applications;

/// <summary>Services as data over HTTP: the admin APIs, the generic apply page, cancel compensation through the raw API, a history that outlives the journal.</summary>
public sealed class ServicesAsDataTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private async Task<PortalClient> AdminAsync()
    {
        var admin = await app.CreateAccountAsync(null, PersonRole.Admin, $"admin-{Guid.NewGuid():N}@cloudpack.example.jp");
        var client = new PortalClient(app);
        await client.SignInAsync(admin);
        return client;
    }

    private static object Service(object? applyForm, string definition = "sample-approval") => new
    {
        nameJa = "テストサービス", nameEn = "Test service", category = "Security", descriptionJa = "説明", descriptionEn = "About",
        workflowDefinitionId = definition, ticketCost = 2, allowedRanks = Array.Empty<string>(), applyForm,
    };

    [Fact]
    public async Task PutService_WithAFieldOfUnknownType_Answers400ProblemNamingTheField_AndSavesNothing()
    {
        using var admin = await AdminAsync();

        using var response = await admin.Http.PutAsJsonAsync(new Uri("/api/services/BAD-FORM", UriKind.Relative),
            Service(new { fields = new[] { new { name = "when", type = "calendar" } } }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("applyForm", body, StringComparison.Ordinal);
        Assert.Contains("'when' has unknown type 'calendar'", body, StringComparison.Ordinal);
        Assert.Equal(0, await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.catalogue_entries WHERE id = 'BAD-FORM'"));
    }

    [Fact]
    public async Task PutService_WithAnUnknownOptionSource_OrAnUnpublishedWorkflow_Answers400NamingEachField()
    {
        using var admin = await AdminAsync();

        using var response = await admin.Http.PutAsJsonAsync(new Uri("/api/services/BAD-SOURCE", UriKind.Relative),
            Service(new { fields = new[] { new { name = "topic", type = "choice", optionsFrom = "no-such-source" } } }, definition: "no-such-flow"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("applyForm.topic", body, StringComparison.Ordinal);
        Assert.Contains("workflowDefinitionId", body, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "WEB-2")]
    public async Task PutTerms_PublishesANewVersionEachTime()
    {
        using var admin = await AdminAsync();
        var terms = new { titleJa = "規約", titleEn = "Terms", textJa = "本文", textEn = "Text" };

        using var first = await admin.Http.PutAsJsonAsync(new Uri("/api/terms/versioned-terms", UriKind.Relative), terms);
        using var second = await admin.Http.PutAsJsonAsync(new Uri("/api/terms/versioned-terms", UriKind.Relative), terms);
        using var bad = await admin.Http.PutAsJsonAsync(new Uri("/api/terms/versioned-terms", UriKind.Relative), new { titleJa = "規約" });

        Assert.Equal(1, (await first.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal(2, (await second.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("textJa", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "TKT-5")]
    public async Task RawApiCancel_ReturnsTheTickets_ClosesTheApplication_AndRecordsIt()
    {
        var code = $"rc{Guid.NewGuid():N}"[..10];
        var company = await app.CreateCompanyAsync(code, $"{code} 商事");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, $"csm@{code}.cloudpack.example.jp");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, $"rep@{code}.example.jp");
        var training = await app.StartTrainingAsync(company, rep, csm);
        var before = await ProgrammeSetup.BalanceAsync(app.Services, company);
        var instance = await app.Database.ScalarAsync<Guid>($"SELECT workflow_instance_id FROM core.applications WHERE id = '{training.ApplicationId}'");
        using var client = new PortalClient(app);
        await client.SignInAsync(csm);

        using var response = await client.Http.PostAsync(new Uri($"/api/workflows/instances/{instance}/cancel", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(before + 2, await ProgrammeSetup.BalanceAsync(app.Services, company));
        Assert.Equal("Cancelled", await app.Database.ScalarAsync<string>($"SELECT status FROM core.applications WHERE id = '{training.ApplicationId}'"));
        Assert.Equal("Released", await app.Database.ScalarAsync<string>($"SELECT r.status FROM core.ticket_reservations r JOIN core.applications a ON a.reservation_id = r.id WHERE a.id = '{training.ApplicationId}'"));
        Assert.Equal(1, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM core.application_events WHERE application_id = '{training.ApplicationId}' AND code = 'cancelled'"));
    }

    [Fact]
    [Trait("Spec", "APP-2")]
    public async Task ApplicationHistory_IsStillShown_AfterTheJournalIsDeleted()
    {
        var code = $"hj{Guid.NewGuid():N}"[..10];
        var company = await app.CreateCompanyAsync(code, $"{code} 商事");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, $"csm@{code}.cloudpack.example.jp");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, $"rep@{code}.example.jp");
        var training = await app.StartTrainingAsync(company, rep, csm);
        using var client = new PortalClient(app);
        await client.SignInAsync(rep);
        using (var cancel = await client.PostFormAsync($"/Applications/{training.ApplicationId}", new Dictionary<string, string> { ["reason"] = "予定変更" },
            $"/Applications/{training.ApplicationId}?handler=Cancel"))
        {
            Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        }

        // What Workflows:JournalRetention does a year after the instance ends.
        var deleted = await app.Database.ScalarAsync<long>($"""
            WITH gone AS (DELETE FROM wf.journal WHERE instance_id = (SELECT workflow_instance_id FROM core.applications WHERE id = '{training.ApplicationId}') RETURNING 1)
            SELECT count(*) FROM gone
            """);
        var page = WebUtility.HtmlDecode(await client.GetPageAsync($"/Applications/{training.ApplicationId}"));

        Assert.True(deleted > 0);
        var timeline = page[page.IndexOf("data-test=\"timeline\"", StringComparison.Ordinal)..];
        Assert.Contains("お申し込み", timeline, StringComparison.Ordinal);
        Assert.Contains("キャンセルされました", timeline, StringComparison.Ordinal);
        Assert.Contains("予定変更", timeline, StringComparison.Ordinal);
    }
}
