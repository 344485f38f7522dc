using System.Net;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Staff;

/// <summary>ADV-1 in the admin console: editing the catalogue, its history, and applications keeping the terms they were made under.</summary>
public sealed class CatalogueConsoleTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private const string Training = "/Staff/Catalogue/Edit/TRAIN-1";

    private static Dictionary<string, string> Fields(string version, string cost, string nameJa = "AWSトレーニング", bool cancellable = true) => new()
    {
        ["Form.Version"] = version, ["Form.NameJa"] = nameJa, ["Form.NameEn"] = "AWS training",
        ["Form.DescriptionJa"] = "説明", ["Form.DescriptionEn"] = "Description", ["Form.Category"] = "Training",
        ["Form.TicketCost"] = cost, ["Form.YearlyCapacity"] = "", ["Form.CustomerCancellable"] = cancellable ? "true" : "false",
    };

    private Task<string?> VersionAsync() => app.Database.ScalarAsync<string>("SELECT xmin::text FROM core.catalogue_entries WHERE id = 'TRAIN-1'");

    [Fact]
    [Trait("Spec", "ADV-1")]
    public async Task CostChange_AppliesToNewApplicationsOnly_AndIsKeptInTheHistory()
    {
        var company = await app.CreateCompanyAsync("CAT1", "カタログ株式会社");
        var representative = await app.CreateAccountAsync(company, PersonRole.Representative, "rep@cat1.example.jp");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, "csm@cat1.cloudpack.example.jp");
        var adminAccount = await app.CreateAccountAsync(null, PersonRole.Admin, "admin@cat1.cloudpack.example.jp");
        var old = await app.StartTrainingAsync(company, representative, csm);
        var was = await app.Database.ScalarAsync<int>("SELECT ticket_cost FROM core.catalogue_entries WHERE id = 'TRAIN-1'");
        var now = was + 1;
        using var admin = new PortalClient(app);
        await admin.SignInAsync(adminAccount);

        using var saved = await admin.PostFormAsync(Training, Fields((await VersionAsync())!, $"{now}", cancellable: false));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var request = new TrainingRequest(ApplicationSetup.IntroTopic, "二回目", [new(Tokyo.Today(app.Clock).AddDays(8), Tokyo.Today(app.Clock).AddDays(22))], 3);
        var fresh = await scope.ServiceProvider.GetRequiredService<ApplicationDesk>().ApplyAsync("TRAIN-1", Guid.CreateVersion7(), request.ToFormData(), representative.PersonId);
        Assert.Equal(was, await app.Database.ScalarAsync<int>($"SELECT ticket_cost FROM core.applications WHERE id = '{old.ApplicationId}'"));
        Assert.True(await app.Database.ScalarAsync<bool>($"SELECT customer_cancellable FROM core.applications WHERE id = '{old.ApplicationId}'"));
        Assert.Equal(now, await app.Database.ScalarAsync<int>($"SELECT ticket_cost FROM core.applications WHERE id = '{fresh.ApplicationId}'"));
        Assert.False(await app.Database.ScalarAsync<bool>($"SELECT customer_cancellable FROM core.applications WHERE id = '{fresh.ApplicationId}'"));
        Assert.Equal(now, await app.Database.ScalarAsync<int>($"SELECT r.cost FROM core.ticket_reservations r JOIN core.applications a ON a.reservation_id = r.id WHERE a.id = '{fresh.ApplicationId}'"));

        // The old application is still cancellable by the customer under its own rule (WEB-3 copied at apply time).
        await scope.ServiceProvider.GetRequiredService<ApplicationDesk>().CancelAsync(old.ApplicationId, representative.PersonId, "都合により");
        Assert.Equal("Cancelled", await app.Database.ScalarAsync<string>($"SELECT status FROM core.applications WHERE id = '{old.ApplicationId}'"));

        var history = await admin.GetPageAsync(Training);
        Assert.Contains("TicketCost", history, StringComparison.Ordinal);
        Assert.Equal(1L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM core.catalogue_changes WHERE service_id = 'TRAIN-1' AND after->>'TicketCost' = '{now}' AND before->>'TicketCost' = '{was}'"));
    }

    [Fact]
    [Trait("Spec", "ADV-1")]
    public async Task CatalogueEdits_StaleOversizeUnknownAndNonAdmin_AreRefused_AndChangeNothing()
    {
        var admin = new PortalClient(app);
        await admin.SignInAsync(await app.CreateAccountAsync(null, PersonRole.Admin, "admin@cat2.cloudpack.example.jp"));
        var csm = new PortalClient(app);
        await csm.SignInAsync(await app.CreateAccountAsync(null, PersonRole.Csm, "csm@cat2.cloudpack.example.jp"));
        using var _ = admin;
        using var __ = csm;
        var version = (await VersionAsync())!;
        var cost = await app.Database.ScalarAsync<int>("SELECT ticket_cost FROM core.catalogue_entries WHERE id = 'TRAIN-1'");

        using var byCsm = await csm.PostFormAsync("/Settings", Fields(version, "9"), Training);
        Assert.Equal(HttpStatusCode.Redirect, byCsm.StatusCode);
        Assert.Equal("/Account/AccessDenied", byCsm.Headers.Location!.AbsolutePath);
        using var oversize = await admin.PostFormAsync(Training, Fields(version, "9", nameJa: new string('名', 201)));
        Assert.Equal(HttpStatusCode.BadRequest, oversize.StatusCode);
        using var zero = await admin.PostFormAsync(Training, Fields(version, "0"));
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        using var text = await admin.PostFormAsync(Training, Fields(version, "many"));
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        using var unknown = await admin.PostFormAsync(Training, Fields(version, "9"), "/Staff/Catalogue/Edit/NO-SUCH");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(cost, await app.Database.ScalarAsync<int>("SELECT ticket_cost FROM core.catalogue_entries WHERE id = 'TRAIN-1'"));

        using var first = await admin.PostFormAsync(Training, Fields(version, (cost + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        using var stale = await admin.PostFormAsync(Training, Fields(version, "9"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(cost + 1, await app.Database.ScalarAsync<int>("SELECT ticket_cost FROM core.catalogue_entries WHERE id = 'TRAIN-1'"));

        using var withdrawn = await admin.PostFormAsync(Training, new Dictionary<string, string> { ["version"] = (await VersionAsync())! }, $"{Training}?handler=Withdraw");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.False(await app.Database.ScalarAsync<bool>("SELECT is_active FROM core.catalogue_entries WHERE id = 'TRAIN-1'"));
        using var reinstated = await admin.PostFormAsync(Training, new Dictionary<string, string> { ["version"] = (await VersionAsync())! }, $"{Training}?handler=Reinstate");
        Assert.Equal(HttpStatusCode.Redirect, reinstated.StatusCode);
        Assert.True(await app.Database.ScalarAsync<bool>("SELECT is_active FROM core.catalogue_entries WHERE id = 'TRAIN-1'"));
    }
}
