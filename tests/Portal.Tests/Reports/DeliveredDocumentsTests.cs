using System.Net;
using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Reports;

/// <summary>
/// REPORT-1: the 「レポート」 page lists the basic service's delivered proposals and the work reports delivered in the
/// portal (not those posted to Backlog) beside the service reports; their downloads are attachments, never cached,
/// for the company's users and staff only (another company: 404).
/// </summary>
public sealed class DeliveredDocumentsTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    [Trait("Spec", "REPORT-1")]
    [Trait("Spec", "BAS-4")]
    public async Task ProposalsAndPortalWorkReports_AreListedAndDownloaded_ByTheCompanyAndStaffOnly()
    {
        var company = await app.CreateCompanyAsync("DOCA", "書類 A 株式会社");
        var other = await app.CreateCompanyAsync("DOCB", "書類 B 株式会社");
        var member = await app.CreateAccountAsync(company, PersonRole.Member, "member@doca.example.jp");
        var stranger = await app.CreateAccountAsync(other, PersonRole.Representative, "rep@docb.example.jp");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, "csm@doc.cloudpack.example.jp");
        var now = app.Clock.GetUtcNow();
        BasicServiceProposal Cycle(string title) => new() { CompanyId = company, FiscalYear = 2026, Title = title, StartedBy = csm.PersonId, StartedAt = now.AddDays(-10) };
        var proposed = Cycle("コスト最適化の提案");
        proposed.Proposal = "Savings Plans の購入をご提案します";
        proposed.DeliveredAt = now.AddDays(-5);
        var portalReport = Cycle("不要リソースの削除");
        portalReport.Proposal = "削除します（未送付）";
        portalReport.WorkReport = "EBS スナップショットを 12 件削除しました";
        portalReport.ReportedAt = now.AddDays(-2);
        var backlogReport = Cycle("Backlog で報告した作業");
        backlogReport.WorkReport = "Backlog に登録";
        backlogReport.ReportedAt = now.AddDays(-1);
        backlogReport.BacklogIssueKey = "OPS-1";
        var undelivered = Cycle("まだ提案していない");
        undelivered.Proposal = "下書き";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            db.BasicServiceProposals.AddRange(proposed, portalReport, backlogReport, undelivered);
            await db.SaveChangesAsync();
        }

        using var client = new PortalClient(app);
        await client.SignInAsync(member);
        var page = await client.GetPageAsync("/Reports");
        Assert.Contains($"/Basic/{proposed.Id}/proposal", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Basic/{portalReport.Id}/proposal", page, StringComparison.Ordinal); // its proposal was never delivered
        Assert.Contains($"/Basic/{portalReport.Id}/work-report", page, StringComparison.Ordinal);
        Assert.DoesNotContain(backlogReport.Id.ToString(), page, StringComparison.Ordinal);
        Assert.DoesNotContain(undelivered.Id.ToString(), page, StringComparison.Ordinal);
        Assert.Contains("data-kind=\"Proposal\"", page, StringComparison.Ordinal);
        Assert.Contains("data-kind=\"WorkReport\"", page, StringComparison.Ordinal);
        var searched = await client.GetPageAsync("/Reports?q=" + Uri.EscapeDataString("不要リソース"));
        Assert.Equal(1, searched.Split("data-test=\"report-row\"").Length - 1);

        using (var download = await client.GetAsync($"/Basic/{portalReport.Id}/work-report"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Contains("no-store", download.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            Assert.Equal("text/plain", download.Content.Headers.ContentType?.MediaType);
            Assert.Contains("EBS スナップショットを 12 件削除しました", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (var refused in new[] { $"/Basic/{backlogReport.Id}/work-report", $"/Basic/{undelivered.Id}/proposal", $"/Basic/{proposed.Id}/other" })
        {
            using var response = await client.GetAsync(refused);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var strangerClient = new PortalClient(app);
        await strangerClient.SignInAsync(stranger);
        using (var response = await strangerClient.GetAsync($"/Basic/{proposed.Id}/proposal"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.DoesNotContain(proposed.Id.ToString(), await strangerClient.GetPageAsync("/Reports"), StringComparison.Ordinal);

        using var staff = new PortalClient(app);
        await staff.SignInAsync(csm);
        using var staffDownload = await staff.GetAsync($"/Staff/Basic/{proposed.Id}/proposal");
        Assert.Equal(HttpStatusCode.OK, staffDownload.StatusCode);
        Assert.Equal("attachment", staffDownload.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("Savings Plans の購入をご提案します", await staffDownload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
