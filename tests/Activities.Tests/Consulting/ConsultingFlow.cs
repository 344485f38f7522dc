using System.Globalization;
using System.Text.Json;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Activities.Tests.Support;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Testing;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Jobs;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CloudpackPlus.Activities.Tests.Applications.TrainingApplicationFixture;

namespace CloudpackPlus.Activities.Tests.Consulting;

/// <summary>Drives COST-C/SEC-C through the services the portal pages call.</summary>
internal static class ConsultingFlow
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(180); // a wait, not a limit: generous for a loaded CI machine

    public static Dictionary<string, JsonElement> Form(bool acceptCharges = true)
    {
        var data = new Dictionary<string, object?> { ["theme"] = "月額費用の見直しとセキュリティの棚卸し", ["wishedDates"] = "来週の午後" };
        if (acceptCharges)
        {
            data["awsCharges"] = "accept";
        }

        return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(data))!;
    }

    public static async Task<ApplyResult> ApplyAsync(LiteServicesFixture fx, string service, EnrolledCompany company, bool acceptCharges = true)
    {
        await using var scope = fx.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationDesk>().ApplyAsync(service, Guid.CreateVersion7(), Form(acceptCharges), company.RepresentativeId);
    }

    /// <summary>A company with a linked account but no role yet (its external id is made when the role task is prepared).</summary>
    public static async Task<string> AccountWithoutRoleAsync(LiteServicesFixture fx, EnrolledCompany company, long number)
    {
        var accountId = number.ToString(CultureInfo.InvariantCulture);
        await using var scope = fx.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AwsAccountService>().LinkAsync(company.CompanyId, accountId, true, "検証", company.CsmId);
        return accountId;
    }

    /// <summary>Completes a meeting task (scoping or report-meeting) with a slot at <paramref name="hour"/>:00 JST two weekdays ahead.</summary>
    public static async Task<(DateTimeOffset StartsAt, TaskCommandResult Result)> ScheduleAsync(
        LiteServicesFixture fx, EnrolledCompany company, Guid applicationId, string node, int minutes = 120, int hour = 14, string url = "https://meet.example.jp/consult?id=1,2")
    {
        var task = await fx.UntilAsync(() => fx.OpenTaskAsync(applicationId, node), Patience);
        var startsAt = Slots.Next(fx.Clock, hour, 0);
        var result = await fx.CompleteAsync(task.Id, Csm(company), new
        {
            startsAt = startsAt.ToString("O", CultureInfo.InvariantCulture), durationMinutes = minutes, meetingUrl = url, note = "よろしくお願いします; 資料は当日共有します",
        });
        return (startsAt, result);
    }

    /// <summary>The CSM uploads the proposal in the proposal task, as the staff task page does.</summary>
    public static async Task<TaskCommandResult> UploadProposalAsync(LiteServicesFixture fx, EnrolledCompany company, Guid applicationId, byte[] file, string fileName, bool recommendsBuild)
    {
        var task = await fx.UntilAsync(() => fx.OpenTaskAsync(applicationId, "proposal"), Patience);
        var data = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(new { language = "ja-JP", recommendsBuild, summary = "gp3 への移行を提案" }))!;
        await using var scope = fx.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaskUploads>().CompleteAsync(task, Csm(company), data, [new ApplyUpload("proposalPdf", fileName, file)]);
    }

    public static Task<List<Notification>> NotificationsAsync(LiteServicesFixture fx, Guid applicationId, string kind) =>
        fx.CoreAsync(db => db.Notifications.IgnoreQueryFilters().AsNoTracking().Where(n => n.ApplicationId == applicationId && n.Kind == kind).ToListAsync());

    /// <summary>Runs the instance's open timer bookmarks that are due by now, as Hangfire would.</summary>
    public static async Task<int> RunDueTimersAsync(LiteServicesFixture fx, Guid applicationId)
    {
        var application = await fx.ApplicationAsync(applicationId);
        List<Guid> due;
        await using (var scope = fx.Services.CreateAsyncScope())
        {
            var now = fx.Clock.GetUtcNow();
            due = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Bookmarks.AsNoTracking()
                .Where(b => b.InstanceId == application.WorkflowInstanceId && b.Kind == BookmarkKind.Timer && b.ResumedAt == null && b.CancelledAt == null && b.DueAt <= now)
                .Select(b => b.Id).ToListAsync();
        }

        foreach (var bookmark in due)
        {
            await using var jobs = fx.Services.CreateAsyncScope();
            await jobs.ServiceProvider.GetRequiredService<WorkflowJobs>().RunBookmarkAsync(bookmark);
        }

        return due.Count;
    }

    /// <summary>A CSM lead (escalations go to the leads).</summary>
    public static async Task<Guid> CsmLeadAsync(LiteServicesFixture fx)
    {
        await using var scope = fx.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.CoreDbContext>();
        var lead = new Person { Email = $"lead-{Guid.NewGuid():N}@cloudpack.example.jp", DisplayName = "CSMリーダー", Role = PersonRole.CsmLead, CreatedAt = fx.Clock.GetUtcNow() };
        db.People.Add(lead);
        await db.SaveChangesAsync();
        return lead.Id;
    }
}
