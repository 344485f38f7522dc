using System.Net;
using CloudpackPlus.Activities.Reports;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Reports;

/// <summary>REPORT-1 over HTTP: the application pages list reports, downloads per company, the staff template editor.</summary>
public sealed class ReportPagesTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private async Task<(TrainingSetup Training, TestAccount Rep, TestAccount OtherRep, TestAccount Csm)> SetupAsync()
    {
        var code = $"rp{Guid.NewGuid():N}"[..10];
        var company = await app.CreateCompanyAsync(code, $"{code} 商事");
        var other = await app.CreateCompanyAsync($"{code}x", $"{code} 別会社");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, $"csm@{code}.cloudpack.example.jp");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, $"rep@{code}.example.jp");
        var otherRep = await app.CreateAccountAsync(other, PersonRole.Representative, $"rep@{code}x.example.jp");
        return (await app.StartTrainingAsync(company, rep, csm), rep, otherRep, csm);
    }

    private async Task<PortalClient> SignedInAsync(TestAccount account)
    {
        var client = new PortalClient(app);
        await client.SignInAsync(account);
        return client;
    }

    [Fact]
    [Trait("Spec", "REPORT-1")]
    public async Task ApplicationPages_ListTheReports_AndOnlyTheCompanyAndStaffDownloadThem_AsUncachedAttachments()
    {
        var (training, rep, otherRep, csm) = await SetupAsync();
        var page = $"/Applications/{training.ApplicationId}";
        var pdfUrl = $"{page}/Reports/{training.ReportId}/pdf";
        using var client = await SignedInAsync(rep);

        var html = WebUtility.HtmlDecode(await client.GetPageAsync(page));
        using var pdf = await client.GetAsync(pdfUrl);
        using var htmlFile = await client.GetAsync($"{page}/Reports/{training.ReportId}/html");
        using var view = await client.GetAsync($"{page}/Reports/{training.ReportId}/view");
        using var unknownFormat = await client.GetAsync($"{page}/Reports/{training.ReportId}/exe");

        Assert.Contains("data-test=\"application-reports\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{pdfUrl}\"", html, StringComparison.Ordinal);
        Assert.Contains("TEST-RPT v1", html, StringComparison.Ordinal);
        Assert.Contains("日本語", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("%PDF-1.7\n%report"u8.ToArray(), await pdf.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", pdf.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith(".pdf", pdf.Content.Headers.ContentDisposition.FileNameStar ?? pdf.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        Assert.Contains("no-store", pdf.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal("attachment", htmlFile.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains("no-store", htmlFile.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Null(view.Content.Headers.ContentDisposition);
        Assert.Equal("text/html", view.Content.Headers.ContentType!.MediaType);
        var policy = view.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("sandbox;", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownFormat.StatusCode);

        using var staff = await SignedInAsync(csm);
        Assert.Contains($"href=\"/Staff{pdfUrl}\"", await staff.GetPageAsync($"/Staff{page}"), StringComparison.Ordinal);
        using var staffPdf = await staff.GetAsync($"/Staff{pdfUrl}");
        Assert.Equal(HttpStatusCode.OK, staffPdf.StatusCode);
        using var other = await SignedInAsync(otherRep);
        using var foreign = await other.GetAsync(pdfUrl);
        using var foreignView = await other.GetAsync($"{page}/Reports/{training.ReportId}/view");
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (foreign.StatusCode, foreignView.StatusCode));
        // The report id under another application of the same company is not found either.
        using var wrongApplication = await client.GetAsync($"/Applications/{Guid.NewGuid()}/Reports/{training.ReportId}/pdf");
        Assert.Equal(HttpStatusCode.NotFound, wrongApplication.StatusCode);
    }

    [Fact]
    [Trait("Spec", "REPORT-1")]
    public async Task TemplateEditor_PreviewsAndPublishesANewVersion_AndRefusesABrokenTemplateWithLineAndColumn()
    {
        var service = $"PT{Guid.NewGuid():N}"[..8].ToUpperInvariant();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReportTemplateStore>().PublishAsync(service, "ja-JP", "<h2>初版</h2>", "seed");
        }

        var (_, _, _, csm) = await SetupAsync();
        using var staff = await SignedInAsync(csm);
        var editor = $"/Staff/Reports/Templates/{service}/ja-JP";

        var list = WebUtility.HtmlDecode(await staff.GetPageAsync("/Staff/Reports/Templates"));
        var form = WebUtility.HtmlDecode(await staff.GetPageAsync(editor));
        using var broken = await staff.PostFormAsync(editor, new Dictionary<string, string> { ["Body"] = "<h2>x</h2>\n<p>{{ if }}</p>" }, $"{editor}?handler=Publish");
        var brokenPage = WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync());
        using var preview = await staff.PostFormAsync(editor, new Dictionary<string, string> { ["Body"] = "<h2>{{ report.company_name }} の {{ 1 + 1 }} 件</h2>" }, $"{editor}?handler=Preview");
        var previewHtml = await preview.Content.ReadAsStringAsync();
        var stillFirst = WebUtility.HtmlDecode(await staff.GetPageAsync(editor));
        using var published = await staff.PostFormAsync(editor, new Dictionary<string, string> { ["Body"] = "<h2>第二版</h2>" }, $"{editor}?handler=Publish");
        var after = WebUtility.HtmlDecode(await staff.GetPageAsync(editor));

        Assert.Contains($"data-test=\"report-template-{service}-ja-JP\"", list, StringComparison.Ordinal);
        Assert.Contains("<h2>初版</h2>", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
        Assert.Contains("2行目", brokenPage, StringComparison.Ordinal);
        Assert.Matches(@"2行目 \d+列目", brokenPage);
        Assert.Contains("<p>{{ if }}</p>", brokenPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("<h2>サンプル株式会社 の 2 件</h2>", previewHtml, StringComparison.Ordinal);
        Assert.StartsWith("sandbox;", preview.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("<h2>初版</h2>", stillFirst, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("<h2>第二版</h2>", after, StringComparison.Ordinal);
        Assert.Equal(2, await app.Database.ScalarAsync<int>($"SELECT version FROM core.report_templates WHERE service_id = '{service}' AND culture = 'ja-JP' AND status = 'Published'"));
    }

    [Fact]
    [Trait("Spec", "REPORT-1")]
    public async Task TemplateEditor_PreviewsTheDraftInItsOwnPane_ShowingAParseErrorThere_WithoutPublishing()
    {
        var service = $"PV{Guid.NewGuid():N}"[..8].ToUpperInvariant();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReportTemplateStore>().PublishAsync(service, "ja-JP", "<h2>公開版</h2>", "seed");
        }

        var (_, _, _, csm) = await SetupAsync();
        using var staff = await SignedInAsync(csm);
        var editor = $"/Staff/Reports/Templates/{service}/ja-JP";

        var page = WebUtility.HtmlDecode(await staff.GetPageAsync(editor));
        using var draft = await staff.PostFormAsync(editor, new Dictionary<string, string> { ["Body"] = "<h2>下書き {{ report.company_name }}</h2>" }, $"{editor}?handler=Preview");
        var draftHtml = await draft.Content.ReadAsStringAsync();
        using var broken = await staff.PostFormAsync(editor, new Dictionary<string, string> { ["Body"] = "<h2>x</h2>\n\n<p>{{ for }}</p>" }, $"{editor}?handler=Preview");
        var brokenHtml = WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync());
        var after = WebUtility.HtmlDecode(await staff.GetPageAsync(editor));

        // The pane: a sandboxed frame named as the preview button's target, the live script beside it.
        Assert.Matches("<iframe name=\"report-preview\"[^>]* sandbox", page);
        Assert.Contains("formtarget=\"report-preview\"", page, StringComparison.Ordinal);
        Assert.Contains("/assets/report-template-preview.js", page, StringComparison.Ordinal);
        // The draft rendered on sample data, framable by the portal only, sandboxed, not cached.
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Contains("<h2>下書き サンプル株式会社</h2>", draftHtml, StringComparison.Ordinal);
        var policy = draft.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("sandbox;", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("SAMEORIGIN", draft.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-store", draft.Headers.CacheControl?.ToString());
        // A draft that does not parse: the pane says where (line 3), with a 4xx; nothing is published.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
        Assert.Matches(@"data-test=""preview-error"".*3行目 \d+列目", brokenHtml);
        Assert.Contains("<h2>公開版</h2>", after, StringComparison.Ordinal);
        Assert.Equal(1, await app.Database.ScalarAsync<int>($"SELECT count(*)::int FROM core.report_templates WHERE service_id = '{service}'"));
        // Every other page stays unframable.
        using var editorResponse = await staff.GetAsync(editor);
        Assert.Equal("DENY", editorResponse.Headers.GetValues("X-Frame-Options").Single());
    }
}
