using System.Net;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Applications;

/// <summary>COST-C/SEC-C pages: the read-only role template of the role-trust task, and the quote request link (SCOPE-1) only when the proposal recommends build work.</summary>
public sealed class ConsultingPageTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    [Trait("Spec", "SEC-C")]
    [Trait("Spec", "TOOL-1")]
    public async Task ReadOnlyRoleTemplate_IsTheCompanysOwn_AndOnlyForConsulting()
    {
        var (company, rep, otherRep, applicationId) = await SetupAsync("ro");
        var url = $"/Applications/{applicationId}/ReadOnlyRole";
        using var client = new PortalClient(app);
        await client.SignInAsync(rep);
        using (var training = await client.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.NotFound, training.StatusCode); // a training has no read-only role task
        }

        await app.Database.ScalarAsync<int>($"UPDATE core.applications SET service_id = 'SEC-C' WHERE id = '{applicationId}' RETURNING 1");
        using var response = await client.GetAsync(url);
        var yaml = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        await using var scope = app.Services.CreateAsyncScope();
        var externalId = await scope.ServiceProvider.GetRequiredService<ExternalIdStore>().GetOrCreateAsync(company);
        Assert.Contains(externalId, yaml, StringComparison.Ordinal);
        Assert.Contains("CloudpackPlusReadOnly", yaml, StringComparison.Ordinal);

        // The role task's link builds the console's quick-create link when opened (the id is not stored in the task).
        using var quickCreate = await client.GetAsync(url + "?handler=QuickCreate");
        Assert.Equal(HttpStatusCode.Redirect, quickCreate.StatusCode);
        Assert.Contains("#/stacks/quickcreate?templateURL=", quickCreate.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("&param_ExternalId=" + Uri.EscapeDataString(externalId) + "&", quickCreate.Headers.Location.OriginalString, StringComparison.Ordinal);
        Assert.Contains("&param_RoleName=CloudpackPlusReadOnly", quickCreate.Headers.Location.OriginalString, StringComparison.Ordinal);

        using var stranger = new PortalClient(app);
        await stranger.SignInAsync(otherRep);
        using var refused = await stranger.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        using var refusedLink = await stranger.GetAsync(url + "?handler=QuickCreate");
        Assert.Equal(HttpStatusCode.NotFound, refusedLink.StatusCode);
    }

    [Fact]
    [Trait("Spec", "COST-C")]
    [Trait("Spec", "SCOPE-1")]
    public async Task QuoteRequestLink_AppearsOnlyWhenTheProposalRecommendsBuildWork()
    {
        var (_, rep, _, applicationId) = await SetupAsync("qr");
        var url = $"/Applications/{applicationId}";
        using var client = new PortalClient(app);
        await client.SignInAsync(rep);
        Assert.DoesNotContain("quote-request-link", await client.GetPageAsync(url), StringComparison.Ordinal);

        await ProposalAsync(applicationId, recommendsBuild: false);
        Assert.DoesNotContain("quote-request-link", await client.GetPageAsync(url), StringComparison.Ordinal);

        await ProposalAsync(applicationId, recommendsBuild: true);
        var page = await client.GetPageAsync(url);
        Assert.Contains($"href=\"/Quotes/New?applicationId={applicationId}\" data-test=\"quote-request-link\"", page, StringComparison.Ordinal);
        Assert.Contains("見積を依頼する", page, StringComparison.Ordinal);
    }

    private async Task<(Guid Company, TestAccount Rep, TestAccount OtherRep, Guid ApplicationId)> SetupAsync(string prefix)
    {
        var code = $"{prefix}{Guid.NewGuid():N}"[..10];
        var company = await app.CreateCompanyAsync(code, $"{code} 商事");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, $"csm@{code}.cloudpack.example.jp");
        await app.EnrolAsync(company, csm);
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, $"rep@{code}.example.jp");
        var other = await app.CreateCompanyAsync(code + "b", $"{code} 物産");
        await app.EnrolAsync(other, csm);
        var otherRep = await app.CreateAccountAsync(other, PersonRole.Representative, $"rep@{code}b.example.jp");
        var training = await app.StartTrainingAsync(company, rep, csm);
        return (company, rep, otherRep, training.ApplicationId);
    }

    private async Task ProposalAsync(Guid applicationId, bool recommendsBuild)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var application = await db.Applications.IgnoreQueryFilters().SingleAsync(a => a.Id == applicationId);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        ApplicationEvent.Record(db, application, app.Clock.GetUtcNow(), Activities.Consulting.ProposalEvents.Code,
            new Dictionary<string, string?> { ["recommendsBuild"] = recommendsBuild ? "true" : "false", ["fileName"] = "proposal.pdf" }, "system");
        await db.SaveChangesAsync();
    }
}
