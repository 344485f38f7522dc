using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Applications;

/// <summary>ACCT-D: the diagnosis role's CloudFormation template that the role task links to, per company.</summary>
public sealed class DiagnosisRolePageTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    [Trait("Spec", "ACCT-D")]
    public async Task RoleTemplate_IsTheCompanysOwn_WithItsExternalId_AndOnlyForItsDiagnosis()
    {
        var code = $"dr{Guid.NewGuid():N}"[..10];
        var company = await app.CreateCompanyAsync(code, $"{code} 商事");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, $"csm@{code}.cloudpack.example.jp");
        await app.EnrolAsync(company, csm);
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, $"rep@{code}.example.jp");
        var other = await app.CreateCompanyAsync(code + "b", $"{code} 物産");
        await app.EnrolAsync(other, csm);
        var otherRep = await app.CreateAccountAsync(other, PersonRole.Representative, $"rep@{code}b.example.jp");
        var training = await app.StartTrainingAsync(company, rep, csm);
        var url = $"/Applications/{training.ApplicationId}/DiagnosisRole";
        using var client = new PortalClient(app);
        await client.SignInAsync(rep);

        // A training application has no diagnosis role.
        using (var notDiagnosis = await client.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.NotFound, notDiagnosis.StatusCode);
        }

        await app.Database.ScalarAsync<int>($"UPDATE core.applications SET service_id = 'ACCT-D' WHERE id = '{training.ApplicationId}' RETURNING 1");
        using var response = await client.GetAsync(url);
        var yaml = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var externalId = await scope.ServiceProvider.GetRequiredService<ExternalIdStore>().GetOrCreateAsync(company);
        Assert.Contains(externalId, yaml, StringComparison.Ordinal);
        Assert.Contains("CloudpackPlusDiagnosis", yaml, StringComparison.Ordinal);

        // The task's quick-create link is this page's handler: it builds the console link now (issue #17: the external
        // id is never stored in the workflow's data), for the company's own users only.
        using var quickCreate = await client.GetAsync(url + "?handler=QuickCreate");
        Assert.Equal(HttpStatusCode.Redirect, quickCreate.StatusCode);
        var console = quickCreate.Headers.Location!.OriginalString;
        Assert.StartsWith("https://console.aws.amazon.com/cloudformation/home?", console, StringComparison.Ordinal);
        Assert.Contains("#/stacks/quickcreate?templateURL=", console, StringComparison.Ordinal);
        Assert.Contains("&param_ExternalId=" + Uri.EscapeDataString(externalId) + "&", console, StringComparison.Ordinal);
        Assert.Contains("&param_RoleName=CloudpackPlusDiagnosis", console, StringComparison.Ordinal);
        Assert.Contains("no-store", quickCreate.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        using var stranger = new PortalClient(app);
        await stranger.SignInAsync(otherRep);
        using var refused = await stranger.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        using var refusedLink = await stranger.GetAsync(url + "?handler=QuickCreate");
        Assert.Equal(HttpStatusCode.NotFound, refusedLink.StatusCode);
        using var anonymous = new PortalClient(app);
        using var signInFirst = await anonymous.GetAsync(url + "?handler=QuickCreate");
        Assert.Equal(HttpStatusCode.Redirect, signInFirst.StatusCode);
        var login = signInFirst.Headers.Location!;
        Assert.StartsWith("/Account/Login", login.IsAbsoluteUri ? login.AbsolutePath : login.OriginalString, StringComparison.Ordinal);
    }
}
