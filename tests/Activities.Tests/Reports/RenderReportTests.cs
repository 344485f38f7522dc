using System.Text;
using CloudpackPlus.Activities.Reports;
using CloudpackPlus.Core.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Activities.Tests.Reports;

/// <summary>REPORT-1 end to end on real PostgreSQL and Debian's Chromium, with the made-up TEST-RPT service.</summary>
public sealed class RenderReportTests(ReportFixture app) : IClassFixture<ReportFixture>
{
    [Fact]
    [Trait("Spec", "REPORT-1")]
    public async Task RenderReport_StoresAJapaneseAndAnEnglishReport_HtmlAndA4PdfWithPageNumbers()
    {
        var (company, applicationId) = await app.NewApplicationAsync();

        var instance = await app.RunReportWorkflowAsync(applicationId);

        Assert.Equal("Finished", await app.Database.ScalarAsync<string>($"SELECT status FROM wf.instances WHERE id = '{instance}'"));
        var reports = await app.ReportsAsync(applicationId);
        Assert.Equal(["en-US", "ja-JP"], reports.Select(r => r.Culture));
        Assert.All(reports, r => Assert.Equal((company.CompanyId, TestReportSource.Service), (r.CompanyId, r.ServiceId)));
        Assert.All(reports, r => Assert.Equal(r.Html.LongLength + r.Pdf.LongLength, r.Size));
        var ja = reports.Single(r => r.Culture == "ja-JP");
        var html = Encoding.UTF8.GetString(ja.Html);
        Assert.Contains($"テスト会社 r", html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(ja.Pdf, 0, 5), StringComparison.Ordinal);

        var text = await ReportFixture.PdfTextAsync(ja.Pdf);
        Assert.Contains("セキュリティ診断結果", text, StringComparison.Ordinal);
        Assert.Contains("重要度別の検出数", text, StringComparison.Ordinal);
        Assert.Contains("123456789012", text, StringComparison.Ordinal);
        Assert.Contains("JST", text, StringComparison.Ordinal);
        Assert.Contains("securityhub:GetFindings", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s*1\s?/\s?[2-9]\d*\s*$", text);
        Assert.Matches(@"(?m)^\s*2\s?/\s?[2-9]\d*\s*$", text);
        var english = await ReportFixture.PdfTextAsync(reports.Single(r => r.Culture == "en-US").Pdf);
        Assert.Contains("Security diagnosis results", english, StringComparison.Ordinal);
        Assert.Contains("Findings by severity", english, StringComparison.Ordinal);
        var outputs = await app.Database.ScalarAsync<string>($"SELECT state::text FROM wf.instances WHERE id = '{instance}'");
        Assert.Contains(ja.Id.ToString(), outputs!, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "REPORT-1")]
    public async Task Publish_MakesTheNextVersion_AndTheNextReportRecordsIt()
    {
        var (_, first) = await app.NewApplicationAsync();
        await app.RunReportWorkflowAsync(first);
        var before = (await app.ReportsAsync(first)).Single(r => r.Culture == "ja-JP").TemplateVersion;

        var published = await app.WithAsync(s => s.GetRequiredService<ReportTemplateStore>()
            .PublishAsync(TestReportSource.Service, "ja-JP", "<h2>第二版の見出し</h2><p>{{ model.heading | html.escape }}</p>{{ charts.bar \"重要度別の検出数\" model.severity }}<p>{{ for c in model.controls }}{{ c.title }}<br>{{ end }}</p>", "staff-1"));
        var (_, second) = await app.NewApplicationAsync();
        await app.RunReportWorkflowAsync(second);
        var after = (await app.ReportsAsync(second)).Single(r => r.Culture == "ja-JP");

        Assert.Equal(before + 1, published.Version);
        Assert.Equal(published.Version, after.TemplateVersion);
        Assert.Contains("第二版の見出し", await ReportFixture.PdfTextAsync(after.Pdf), StringComparison.Ordinal);
        Assert.Equal(before, (await app.ReportsAsync(first)).Single(r => r.Culture == "ja-JP").TemplateVersion);
    }

    [Fact]
    [Trait("Spec", "REPORT-1")]
    public async Task Publish_IsRefusedWithLineAndColumn_WhenTheTemplateDoesNotParse_AndThePublishedOneStays()
    {
        var current = await app.WithAsync(s => s.GetRequiredService<ReportTemplateStore>().PublishedAsync(TestReportSource.Service, "en-US"));

        var refused = await Assert.ThrowsAsync<ReportTemplateException>(() => app.WithAsync(s => s.GetRequiredService<ReportTemplateStore>()
            .PublishAsync(TestReportSource.Service, "en-US", "<h2>ok</h2>\n<p>{{ for x in model.controls }}</p>\n<p>{{ x.title ", "staff-1")));
        var still = await app.WithAsync(s => s.GetRequiredService<ReportTemplateStore>().PublishedAsync(TestReportSource.Service, "en-US"));

        Assert.True(refused.Line >= 2 && refused.Column > 0, $"line {refused.Line}, column {refused.Column}: {refused.Message}");
        Assert.Equal((current.Id, current.Version, ReportTemplateStatus.Published), (still.Id, still.Version, still.Status));
    }
}
