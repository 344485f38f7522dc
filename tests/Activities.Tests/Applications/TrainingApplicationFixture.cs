using System.Text.Json;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows.Jobs;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Activities.Tests.Applications;

/// <summary>The whole host with helpers that drive a training application through the services the pages use.</summary>
public class TrainingApplicationFixture : CloudpackAppFactory
{
    private int _companies;

    public static readonly Guid IntroTopic = TrainingTopic.IntroductionId;

    public Task<EnrolledCompany> NewCompanyAsync() =>
        ProgrammeSetup.EnrolledCompanyAsync(Services, Clock, $"t{Interlocked.Increment(ref _companies)}");

    public TrainingRequest Request(int participants = 8) => new(IntroTopic, "新人エンジニアがAWSの全体像を掴む", [new(new DateOnly(2026, 5, 18), new DateOnly(2026, 5, 29))], participants);

    public async Task<ApplyResult> ApplyAsync(EnrolledCompany company, Guid? submission = null, TrainingRequest? request = null, Guid? person = null)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationDesk>()
            .ApplyAsync("TRAIN-1", submission ?? Guid.CreateVersion7(), (request ?? Request()).ToFormData(), person ?? company.RepresentativeId);
    }

    public async Task CancelAsync(Guid applicationId, Guid person, string? reason = null)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ApplicationDesk>().CancelAsync(applicationId, person, reason);
    }

    public async Task<T> CoreAsync<T>(Func<CoreDbContext, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<CoreDbContext>());
    }

    public Task<ServiceApplication> ApplicationAsync(Guid id) =>
        CoreAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == id));

    /// <summary>The open task of the application's instance at a node.</summary>
    public async Task<WorkflowTask?> OpenTaskAsync(Guid applicationId, string node)
    {
        var application = await ApplicationAsync(applicationId);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        return await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.InstanceId == application.WorkflowInstanceId && t.NodeId == node
            && (t.Status == WorkflowTaskStatus.Open || t.Status == WorkflowTaskStatus.Claimed));
    }

    public async Task<TaskCommandResult> CompleteAsync(Guid taskId, TaskActor actor, object data)
    {
        await using var scope = Services.CreateAsyncScope();
        var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(data))!;
        return await scope.ServiceProvider.GetRequiredService<ITaskService>().CompleteAsync(taskId, actor, values);
    }

    /// <summary>Runs the instance's due timer as Hangfire would once the clock has passed it.</summary>
    public async Task FireTimerAsync(Guid applicationId)
    {
        var application = await ApplicationAsync(applicationId);
        Guid bookmark;
        await using (var scope = Services.CreateAsyncScope())
        {
            bookmark = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Bookmarks.AsNoTracking()
                .Where(b => b.InstanceId == application.WorkflowInstanceId && b.Kind == Workflows.Activities.BookmarkKind.Timer && b.ResumedAt == null && b.CancelledAt == null)
                .Select(b => b.Id).SingleAsync();
        }

        await using var jobs = Services.CreateAsyncScope();
        await jobs.ServiceProvider.GetRequiredService<WorkflowJobs>().RunBookmarkAsync(bookmark);
    }

    public static TaskActor Csm(EnrolledCompany company) => new(company.CsmId.ToString(), [TaskRoles.Csm]);

    public static TaskActor Representative(EnrolledCompany company) =>
        new(company.RepresentativeId.ToString(), [TaskRoles.CustomerRepresentative, TaskRoles.CustomerUser], company.CompanyId);

    /// <summary>A valid agreement: Wednesday 2026-05-20 14:00 JST, two hours.</summary>
    public static object Agreement(string startsAt = "2026-05-20T14:00:00+09:00") => new
    {
        topic = "AWS入門", startsAt, durationMinutes = 120, meetingUrl = "https://meet.example.jp/abc", note = "よろしくお願いします",
    };
}
