using System.Text.Json;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Activities.Tests.Applications;

/// <summary>APP-1: an apply form's file field, checked like conversation attachments and stored with the application.</summary>
public sealed class ApplyFileTests(TrainingApplicationFixture fx) : IClassFixture<TrainingApplicationFixture>
{
    private const string Form = """
        { "fields": [
          { "name": "note", "type": "string", "label": { "ja": "備考", "en": "Note" } },
          { "name": "evidence", "type": "file", "required": true, "maxFiles": 2, "label": { "ja": "構成図", "en": "Diagram" } }
        ] }
        """;

    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj\n"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    private static readonly Dictionary<string, JsonElement> Note = new() { ["note"] = JsonSerializer.SerializeToElement("構成図です") };

    private async Task<EnrolledCompany> ServiceAsync(string serviceId)
    {
        var company = await fx.NewCompanyAsync();
        await using var scope = fx.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CatalogueService>().SaveAsync(new CatalogueEntry
        {
            Id = serviceId, NameJa = "構成レビュー", NameEn = "Design review", Category = ServiceCategory.Security, TicketCost = 2,
            WorkflowDefinitionId = "sample-approval", ApplyForm = Form,
        }, company.CsmId);
        return company;
    }

    private async Task<ApplyResult> ApplyAsync(EnrolledCompany company, string service, IReadOnlyList<ApplyUpload> uploads, Guid? submission = null,
        Dictionary<string, JsonElement>? data = null)
    {
        await using var scope = fx.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationDesk>()
            .ApplyAsync(service, submission ?? Guid.CreateVersion7(), data ?? Note, company.RepresentativeId, uploads);
    }

    private async Task<List<(string Field, string Code, string? Argument)>> RefusalAsync(EnrolledCompany company, string service, params ApplyUpload[] uploads)
    {
        var refused = await Assert.ThrowsAsync<FormRejectedException>(() => ApplyAsync(company, service, uploads));
        return refused.Errors.Select(e => (e.Field, e.Code, e.Argument)).ToList();
    }

    [Fact]
    [Trait("Spec", "APP-1")]
    public async Task Apply_StoresTheFilesWithTheApplication_AndTheWorkflowGetsTheirDescriptionsWithoutTheBytes()
    {
        var company = await ServiceAsync("TEST-FILE-OK");

        var applied = await ApplyAsync(company, "TEST-FILE-OK", [new("evidence", "C:\\docs\\構成図.pdf", Pdf), new("evidence", "screen.png", Png)]);

        var files = await fx.CoreAsync(db => db.ApplicationFiles.IgnoreQueryFilters().Where(f => f.ApplicationId == applied.ApplicationId).OrderBy(f => f.FileName).ToListAsync());
        Assert.Equal([("evidence", "screen.png", "image/png", 11L), ("evidence", "構成図.pdf", "application/pdf", (long)Pdf.Length)],
            files.Select(f => (f.Field, f.FileName, f.ContentType, f.Size)).ToList());
        Assert.Equal(company.CompanyId, files[0].CompanyId);
        Assert.Equal(Png, files[0].Content);
        var application = await fx.ApplicationAsync(applied.ApplicationId);
        await using var scope = fx.Services.CreateAsyncScope();
        var instance = await scope.ServiceProvider.GetRequiredService<Workflows.Runtime.IWorkflowRuntime>().GetInstanceAsync(application.WorkflowInstanceId);
        var described = JsonSerializer.SerializeToElement(instance!.Variables["evidence"]);
        var descriptions = described.EnumerateArray().Select(d => (d.GetProperty("id").GetString(), d.GetProperty("fileName").GetString(),
            d.GetProperty("size").GetInt64(), d.GetProperty("contentType").GetString(), d.EnumerateObject().Count())).OrderBy(d => d.Item2).ToList();
        Assert.Equal(files.Select(f => ((string?)f.Id.ToString(), (string?)f.FileName, f.Size, (string?)f.ContentType, 4)).ToList(), descriptions);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(application.Details).RootElement.GetProperty("evidence").ValueKind);
    }

    [Fact]
    [Trait("Spec", "APP-1")]
    public async Task Apply_IsRefusedWithCodedErrors_AndStoresNothing_ForTooManyTooLargeDisallowedLyingOrMissingFiles()
    {
        var company = await ServiceAsync("TEST-FILE-NO");
        var balance = await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId);

        Assert.Equal([("evidence", FormErrorCodes.MaxFiles, "2")],
            await RefusalAsync(company, "TEST-FILE-NO", new ApplyUpload("evidence", "a.pdf", Pdf), new ApplyUpload("evidence", "b.pdf", Pdf), new ApplyUpload("evidence", "c.pdf", Pdf)));
        var big = new byte[ConversationLimits.MaxAttachmentBytes + 1];
        "%PDF-"u8.CopyTo(big);
        Assert.Equal([("evidence", FormErrorCodes.FileTooLarge, "big.pdf")], await RefusalAsync(company, "TEST-FILE-NO", new ApplyUpload("evidence", "big.pdf", big)));
        Assert.Equal([("evidence", FormErrorCodes.FileType, "page.html")], await RefusalAsync(company, "TEST-FILE-NO", new ApplyUpload("evidence", "page.html", "<html></html>"u8.ToArray())));
        // A valid first file does not save the form when the second one lies about its type.
        Assert.Equal([("evidence", FormErrorCodes.FileContent, "fake.png")],
            await RefusalAsync(company, "TEST-FILE-NO", new ApplyUpload("evidence", "ok.pdf", Pdf), new ApplyUpload("evidence", "fake.png", "<svg onload=alert(1)>"u8.ToArray())));
        Assert.Equal([("evidence", FormErrorCodes.FileEmpty, "empty.pdf")], await RefusalAsync(company, "TEST-FILE-NO", new ApplyUpload("evidence", "empty.pdf", [])));
        Assert.Equal([("evidence", FormErrorCodes.Required, null)], await RefusalAsync(company, "TEST-FILE-NO"));
        Assert.Equal([("other", FormErrorCodes.UnknownField, null)],
            await RefusalAsync(company, "TEST-FILE-NO", new ApplyUpload("evidence", "a.pdf", Pdf), new ApplyUpload("other", "b.pdf", Pdf)));

        Assert.Equal(0, await fx.CoreAsync(db => db.Applications.IgnoreQueryFilters().CountAsync(a => a.CompanyId == company.CompanyId)));
        Assert.Equal(0, await fx.CoreAsync(db => db.ApplicationFiles.IgnoreQueryFilters().CountAsync(f => f.CompanyId == company.CompanyId)));
        Assert.Equal(balance, await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId));
    }

    [Fact]
    [Trait("Spec", "APP-1")]
    public async Task Apply_IgnoresFileDescriptionsPostedAsFormData_AndTakesOnlyTheUploads()
    {
        var company = await ServiceAsync("TEST-FILE-FAKE");
        var forged = new Dictionary<string, JsonElement>(Note)
        {
            ["evidence"] = JsonSerializer.SerializeToElement(new[] { new { id = Guid.NewGuid(), fileName = "x.pdf", size = 1, contentType = "application/pdf" } }),
        };

        var refused = await Assert.ThrowsAsync<FormRejectedException>(() => ApplyAsync(company, "TEST-FILE-FAKE", [], data: forged));

        Assert.Equal([("evidence", FormErrorCodes.Required)], refused.Errors.Select(e => (e.Field, e.Code)).ToList());
    }

    [Fact]
    [Trait("Spec", "APP-1")]
    public async Task Apply_PostedTwice_StoresTheFilesOnce()
    {
        var company = await ServiceAsync("TEST-FILE-TWICE");
        var submission = Guid.CreateVersion7();

        var first = await ApplyAsync(company, "TEST-FILE-TWICE", [new("evidence", "a.pdf", Pdf)], submission);
        var second = await ApplyAsync(company, "TEST-FILE-TWICE", [new("evidence", "a.pdf", Pdf)], submission);

        Assert.Equal((true, false), (first.Created, second.Created));
        Assert.Equal(1, await fx.CoreAsync(db => db.ApplicationFiles.IgnoreQueryFilters().CountAsync(f => f.ApplicationId == submission)));
    }

    [Theory]
    [InlineData("""{ "fields": [ { "name": "f", "type": "file", "maxFiles": 0 } ] }""", "'maxFiles' must be 1 to 5")]
    [InlineData("""{ "fields": [ { "name": "f", "type": "file", "maxFiles": 6 } ] }""", "'maxFiles' must be 1 to 5")]
    [InlineData("""{ "fields": [ { "name": "f", "type": "string", "maxFiles": 2 } ] }""", "'maxFiles' is for file fields")]
    public void FormSchema_RefusesBadMaxFiles_NamingTheField(string json, string rule)
    {
        var refused = Assert.Throws<FormatException>(() => FormSchema.Parse(json));

        Assert.Contains("'f'", refused.Message, StringComparison.Ordinal);
        Assert.Contains(rule, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FormSchema_AcceptsAFileField_WithOneFileByDefault()
    {
        var field = FormSchema.Parse("""{ "fields": [ { "name": "f", "type": "file", "required": true } ] }""").Fields.Single();

        Assert.Equal(("file", null, true), (field.Type, field.MaxFiles, field.Required));
    }
}
