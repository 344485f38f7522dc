using CloudpackPlus.Activities.Applications;
using System.Text.Json;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.WebScan;
using CloudpackPlus.Portal.Tests.Csat;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Performance;

/// <summary>
/// Issue #17: an AWS account diagnosis (ACCT-D, applied through the desk: its form's account field reads an option source)
/// with every panel of the application page populated: a conversation message with an attachment, an uploaded file, a
/// report, a proposal that recommends build work (the quote link), a checklist item and the survey.
/// </summary>
public static class ApplicationPageSeed
{
    public const string ChecklistKey = "perf-item";

    public static async Task<Guid> DiagnosisWithPanelsAsync(PortalAppFactory app, Guid companyId, TestAccount representative, string accountId, TestAccount csm)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(representative);
        ArgumentNullException.ThrowIfNull(csm);
        await using var scope = app.Services.CreateAsyncScope();
        var form = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(new { account = accountId, standards = "fsbp-cis", chargesAcknowledged = true }))!;
        var applied = await scope.ServiceProvider.GetRequiredService<ApplicationDesk>().ApplyAsync("ACCT-D", Guid.CreateVersion7(), form, representative.PersonId);
        var id = applied.ApplicationId;
        await scope.ServiceProvider.GetRequiredService<ConversationService>()
            .PostAsync(id, representative.PersonId, false, "診断の前提です", [new UploadedFile("前提.txt", "前提"u8.ToArray())]);
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var application = await db.Applications.IgnoreQueryFilters().SingleAsync(a => a.Id == id);
        db.ApplicationFiles.Add(new ApplicationFile
        {
            ApplicationId = id, CompanyId = companyId, Field = "evidence", FileName = "構成図.pdf", ContentType = "application/pdf",
            Size = 9, Sha256 = new string('0', 64), Content = "%PDF-1.7\n"u8.ToArray(),
        });
        db.Reports.Add(new Core.Reports.GeneratedReport
        {
            ApplicationId = id, CompanyId = companyId, ServiceId = "ACCT-D", Culture = "ja-JP", TemplateVersion = 1,
            GeneratedAt = app.Clock.GetUtcNow(), Html = "<!DOCTYPE html><title>r</title><p>診断</p>"u8.ToArray(), Pdf = "%PDF-1.7\n%diagnosis"u8.ToArray(), Size = 60,
        });
        db.ChecklistItems.Add(new ChecklistItem
        {
            ApplicationId = id, CompanyId = companyId, Checklist = "pre-scan", Key = ChecklistKey, Position = 1, LabelJa = "バックアップを取得した", LabelEn = "Backup taken",
        });
        ApplicationEvent.Record(db, application, app.Clock.GetUtcNow(), Activities.Consulting.ProposalEvents.Code,
            new Dictionary<string, string?> { ["recommendsBuild"] = "true", ["fileName"] = "proposal.pdf" }, "system");
        await db.SaveChangesAsync();
        await CsatSeed.IssueAsync(app, id, csm.PersonId);
        return id;
    }
}
