using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Support;

/// <summary>A training application in progress: its id, one attachment in its conversation, the CSM's open task, one apply-form file, one stored report.</summary>
public sealed record TrainingSetup(Guid ApplicationId, Guid AttachmentId, Guid CsmTaskId, Guid FileId, Guid ReportId);

/// <summary>Programme data through the real services: enrolment with tickets, a training application.</summary>
public static class ApplicationSetup
{
    public static readonly Guid IntroTopic = TrainingTopic.IntroductionId;

    /// <summary>Gives the company a billing-agency contract and enrols it (tickets granted), as <paramref name="staff"/>.</summary>
    public static async Task EnrolAsync(this PortalAppFactory app, Guid companyId, TestAccount staff, Rank rank = Rank.Gold)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(staff);
        await ProgrammeSetup.EnrolAsync(app.Services, app.Clock, companyId, staff.PersonId, rank);
    }

    /// <summary>Enrols the company, applies for a training as its representative and adds a message with an attachment.</summary>
    public static async Task<TrainingSetup> StartTrainingAsync(this PortalAppFactory app, Guid companyId, TestAccount representative, TestAccount csm)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(representative);
        await app.EnrolAsync(companyId, csm);
        await using var scope = app.Services.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<ApplicationDesk>();
        var request = new TrainingRequest(IntroTopic, "AWSの基礎を学ぶ", [new(Tokyo.Today(app.Clock).AddDays(7), Tokyo.Today(app.Clock).AddDays(21))], 5);
        var applied = await desk.ApplyAsync("TRAIN-1", Guid.CreateVersion7(), request.ToFormData(), representative.PersonId);
        var message = await scope.ServiceProvider.GetRequiredService<ConversationService>()
            .PostAsync(applied.ApplicationId, representative.PersonId, false, "資料です", [new UploadedFile("agenda.txt", "アジェンダ"u8.ToArray())]);
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var instance = await db.Applications.Where(a => a.Id == applied.ApplicationId).Select(a => a.WorkflowInstanceId).SingleAsync();
        var task = (await scope.ServiceProvider.GetRequiredService<ITaskService>().ListForInstanceAsync(instance)).Single(t => t.NodeId == "agree");
        // The training form has no file field: the file row stands for one uploaded with a form that has (routes and tenancy only).
        var file = new ApplicationFile
        {
            ApplicationId = applied.ApplicationId, CompanyId = companyId, Field = "evidence", FileName = "構成図.pdf", ContentType = "application/pdf",
            Size = 9, Sha256 = new string('0', 64), Content = "%PDF-1.7\n"u8.ToArray(),
        };
        db.ApplicationFiles.Add(file);
        // A stored report (REPORT-1) stands for one a service's workflow made (routes and tenancy only).
        var report = new Core.Reports.GeneratedReport
        {
            ApplicationId = applied.ApplicationId, CompanyId = companyId, ServiceId = "TEST-RPT", Culture = "ja-JP", TemplateVersion = 1,
            GeneratedAt = app.Clock.GetUtcNow(), Html = "<!DOCTYPE html><title>r</title><p>レポート</p>"u8.ToArray(), Pdf = "%PDF-1.7\n%report"u8.ToArray(), Size = 60,
        };
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        return new TrainingSetup(applied.ApplicationId, message.Attachments.Single().Id, task.Id, file.Id, report.Id);
    }
}
