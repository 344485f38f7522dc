using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Notifications;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Applications;

/// <summary>APP-1: a service whose apply form has a file field, over HTTP: multipart apply, refusals beside the field, downloads per company.</summary>
public sealed partial class ApplyFilePageTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.7\n%apply-file-test"u8.ToArray();

    private async Task<(Guid Company, TestAccount Rep, TestAccount Csm)> CompanyAsync(string? culture = null)
    {
        var code = $"af{Guid.NewGuid():N}"[..10];
        var company = await app.CreateCompanyAsync(code, $"{code} 商事");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, $"csm@{code}.cloudpack.example.jp");
        await app.EnrolAsync(company, csm);
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, $"rep@{code}.example.jp");
        if (culture is not null)
        {
            await NotificationSeed.SetCultureAsync(app, rep, culture);
        }

        return (company, rep, csm);
    }

    private async Task<PortalClient> SignedInAsync(TestAccount account)
    {
        var client = new PortalClient(app);
        await client.SignInAsync(account);
        return client;
    }

    // The service is defined through the admin API, as an admin would (no code per service).
    private async Task ServiceAsync(string id)
    {
        var admin = await app.CreateAccountAsync(null, PersonRole.Admin, $"admin-{Guid.NewGuid():N}@cloudpack.example.jp");
        using var client = await SignedInAsync(admin);
        var form = new
        {
            fields = new object[]
            {
                new { name = "note", type = "string", label = new { ja = "備考", en = "Note" } },
                new { name = "evidence", type = "file", required = true, maxFiles = 2, label = new { ja = "構成図", en = "Diagram" } },
            },
        };
        using var response = await client.Http.PutAsJsonAsync(new Uri($"/api/services/{id}", UriKind.Relative), new
        {
            nameJa = "構成レビュー", nameEn = "Design review", category = "Security", descriptionJa = "説明", descriptionEn = "About",
            workflowDefinitionId = "sample-approval", ticketCost = 2, allowedRanks = Array.Empty<string>(), applyForm = form,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> ApplyAsync(PortalClient client, string service, params (string, string, byte[])[] files)
    {
        var page = $"/Services/Apply/{service}";
        var submission = SubmissionId().Match(await client.GetPageAsync(page)).Groups[1].Value;
        return await client.PostMultipartAsync(page, new Dictionary<string, string> { ["SubmissionId"] = submission, ["f_note"] = "構成図です" }, files);
    }

    [Fact]
    [Trait("Spec", "APP-1")]
    public async Task ApplyPage_PostsAFileAsMultipart_AndTheApplicationPagesOfferItAsADownloadOnlyToTheCompanyAndStaff()
    {
        await ServiceAsync("FILE-HTTP");
        var (_, rep, csm) = await CompanyAsync();
        var (_, otherRep, _) = await CompanyAsync();
        using var client = await SignedInAsync(rep);
        var form = await client.GetPageAsync("/Services/Apply/FILE-HTTP");
        Assert.Contains("enctype=\"multipart/form-data\"", form, StringComparison.Ordinal);
        Assert.Contains("type=\"file\" multiple=\"multiple\"", form, StringComparison.Ordinal);

        using var applied = await ApplyAsync(client, "FILE-HTTP", ("f_evidence", "構成図.pdf", Pdf));

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var path = applied.Headers.Location!.OriginalString;
        var fileId = await app.Database.ScalarAsync<Guid>($"SELECT id FROM core.application_files WHERE application_id = '{path.Split('/')[^1]}'");
        Assert.Contains($"href=\"{path}/Files/{fileId}\"", await client.GetPageAsync(path), StringComparison.Ordinal);
        using var download = await client.GetAsync($"{path}/Files/{fileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        using var staff = await SignedInAsync(csm);
        Assert.Contains($"href=\"/Staff{path}/Files/{fileId}\"", await staff.GetPageAsync($"/Staff{path}"), StringComparison.Ordinal);
        using var staffDownload = await staff.GetAsync($"/Staff{path}/Files/{fileId}");
        Assert.Equal(HttpStatusCode.OK, staffDownload.StatusCode);
        using var other = await SignedInAsync(otherRep);
        using var foreign = await other.GetAsync($"{path}/Files/{fileId}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Theory]
    [InlineData("ja-JP", "構成図: fake.png の内容が拡張子と一致しません。", "構成図: ファイルは2個までです。")]
    [InlineData("en-US", "Diagram: the content of fake.png does not match its file type.", "Diagram: at most 2 file(s).")]
    [Trait("Spec", "APP-1")]
    public async Task ApplyPage_RefusesALyingOrExtraFile_BesideTheField_InTheUsersLanguage_AndSavesNothing(string culture, string lying, string tooMany)
    {
        await ServiceAsync("FILE-HTTP-NO");
        var (company, rep, _) = await CompanyAsync(culture);
        using var client = await SignedInAsync(rep);

        using var disguised = await ApplyAsync(client, "FILE-HTTP-NO", ("f_evidence", "fake.png", "<svg onload=alert(1)>"u8.ToArray()));
        using var extra = await ApplyAsync(client, "FILE-HTTP-NO", ("f_evidence", "a.pdf", Pdf), ("f_evidence", "b.pdf", Pdf), ("f_evidence", "c.pdf", Pdf));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (disguised.StatusCode, extra.StatusCode));
        Assert.Contains($"data-test=\"error-evidence\">{lying}</small>", WebUtility.HtmlDecode(await disguised.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains($"data-test=\"error-evidence\">{tooMany}</small>", WebUtility.HtmlDecode(await extra.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM core.applications WHERE company_id = '{company}'"));
        Assert.Equal(0, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM core.application_files WHERE company_id = '{company}'"));
    }

    [GeneratedRegex("name=\"SubmissionId\" value=\"([0-9a-f-]+)\"")]
    private static partial Regex SubmissionId();
}
