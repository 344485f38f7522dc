using System.Net;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Staff;

/// <summary>Who looks after whom: a company's work goes to its owning CSM, to the backup while the owner is away; reassignment is audited.</summary>
public sealed class CsmRoutingTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task NewWork_GoesToTheOwner_ThenToTheBackupWhileTheOwnerIsAway_AndTheInboxFiltersMyCompanies()
    {
        var company = await app.CreateCompanyAsync("ROUTE1", "担当テスト株式会社");
        var representative = await app.CreateAccountAsync(company, PersonRole.Representative, "rep@route1.example.jp");
        var owner = await app.CreateAccountAsync(null, PersonRole.Csm, "owner@route.cloudpack.example.jp");
        var backup = await app.CreateAccountAsync(null, PersonRole.Csm, "backup@route.cloudpack.example.jp");
        var other = await app.CreateAccountAsync(null, PersonRole.Csm, "other@route.cloudpack.example.jp");
        using var lead = new PortalClient(app);
        await lead.SignInAsync(await app.CreateAccountAsync(null, PersonRole.CsmLead, "lead@route.cloudpack.example.jp"));
        var page = $"/Staff/Companies/{company}";

        using var assigned = await lead.PostFormAsync(page, new Dictionary<string, string>
        {
            ["owner"] = owner.PersonId.ToString(), ["backup"] = backup.PersonId.ToString(),
            ["version"] = (await app.Database.ScalarAsync<string>($"SELECT xmin::text FROM core.companies WHERE id = '{company}'"))!,
        }, $"{page}?handler=AssignCsms");
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Equal(1L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM identity.audit_entries WHERE action = 'company.csms-assigned' AND company_id = '{company}' AND detail LIKE '%{owner.PersonId}%'"));

        var training = await app.StartTrainingAsync(company, representative, other);
        Assert.True(await NotifiedAsync(owner, training.ApplicationId) > 0);
        Assert.Equal(0L, await NotifiedAsync(other, training.ApplicationId));
        Assert.Equal(0L, await NotifiedAsync(backup, training.ApplicationId));

        using var ownerClient = new PortalClient(app);
        await ownerClient.SignInAsync(owner);
        using var away = await ownerClient.PostFormAsync("/Staff/Team", new Dictionary<string, string> { ["away"] = "true" }, $"/Staff/Team?handler=Away&personId={owner.PersonId}");
        Assert.Equal(HttpStatusCode.Redirect, away.StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ConversationService>().PostAsync(training.ApplicationId, representative.PersonId, false, "追加の質問です", []);
        }

        Assert.True(await NotifiedAsync(backup, training.ApplicationId) > 0);
        Assert.Equal(0L, await NotifiedAsync(other, training.ApplicationId));

        using var backupClient = new PortalClient(app);
        await backupClient.SignInAsync(backup);
        Assert.Contains($"/Staff/Tasks/{training.CsmTaskId}", await backupClient.GetPageAsync("/Staff/Tasks?show=companies"), StringComparison.Ordinal);
        using var otherClient = new PortalClient(app);
        await otherClient.SignInAsync(other);
        Assert.DoesNotContain($"/Staff/Tasks/{training.CsmTaskId}", await otherClient.GetPageAsync("/Staff/Tasks?show=companies"), StringComparison.Ordinal);
        Assert.Contains($"/Staff/Tasks/{training.CsmTaskId}", await otherClient.GetPageAsync("/Staff/Tasks?show=all"), StringComparison.Ordinal);
    }

    private Task<long> NotifiedAsync(TestAccount staff, Guid applicationId) =>
        app.Database.ScalarAsync<long>($"SELECT count(*) FROM core.notifications WHERE recipient_id = '{staff.PersonId}' AND application_id = '{applicationId}'");
}
