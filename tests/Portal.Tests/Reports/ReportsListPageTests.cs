using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Reports;

/// <summary>REPORT-1: the company's 「レポート」 page lists every report delivered to it, and only its own.</summary>
public sealed class ReportsListPageTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    [Trait("Spec", "REPORT-1")]
    public async Task ReportsPage_ListsTheCompanysReports_WithServiceApplicationAndVersion_AndNotAnotherCompanys()
    {
        var code = $"rl{Guid.NewGuid():N}"[..10];
        var company = await app.CreateCompanyAsync(code, $"{code} 商事");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, $"csm@{code}.cloudpack.example.jp");
        await app.EnrolAsync(company, csm);
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, $"rep@{code}.example.jp");
        var member = await app.CreateAccountAsync(company, PersonRole.Member, $"member@{code}.example.jp");
        var training = await app.StartTrainingAsync(company, rep, csm);
        var other = await app.CreateCompanyAsync(code + "b", $"{code} 物産");
        await app.EnrolAsync(other, csm);
        var otherRep = await app.CreateAccountAsync(other, PersonRole.Representative, $"rep@{code}b.example.jp");

        using var client = new PortalClient(app);
        await client.SignInAsync(member);
        var page = await client.GetPageAsync("/Reports");
        var pdf = $"/Applications/{training.ApplicationId}/Reports/{training.ReportId}/pdf";
        Assert.Contains(pdf, page, StringComparison.Ordinal);
        Assert.Contains("data-test=\"report-row\"", page, StringComparison.Ordinal);
        Assert.Contains($"/Applications/{training.ApplicationId}\"", page, StringComparison.Ordinal);
        Assert.Matches(">v\\d+<", page);
        using (var download = await client.GetAsync(pdf))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        }

        using var stranger = new PortalClient(app);
        await stranger.SignInAsync(otherRep);
        var strangers = await stranger.GetPageAsync("/Reports");
        Assert.DoesNotContain(training.ReportId.ToString(), strangers, StringComparison.Ordinal);
        Assert.Contains("data-test=\"no-reports\"", strangers, StringComparison.Ordinal);
        using var refused = await stranger.GetAsync(pdf);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }
}
