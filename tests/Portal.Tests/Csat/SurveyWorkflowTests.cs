using System.Net;
using System.Text.Json;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Testing;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Jobs;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Csat;

/// <summary>
/// CSAT (issue #15) through a real run: a training application goes through its workflow — the CSM agrees the date, the
/// representative accepts it, the day comes, the CSM records the result — and its completion offers the survey to the
/// representative (home page and the survey page), with nothing inserted by hand.
/// </summary>
public sealed class SurveyWorkflowTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task ATrainingRunToCompletion_OffersTheSurvey_ToTheRepresentative()
    {
        var company = await app.CreateCompanyAsync("CSATW", "CSAT 実行 株式会社");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, "rep@csatw.example.jp");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, "csm@csatw.cloudpack.example.jp");
        var training = await app.StartTrainingAsync(company, rep, csm);
        var csmActor = new TaskActor(csm.PersonId.ToString(), [TaskRoles.Csm]);
        var repActor = new TaskActor(rep.PersonId.ToString(), [TaskRoles.CustomerRepresentative, TaskRoles.CustomerUser], company);
        var instance = await CoreAsync(db => db.Applications.Where(a => a.Id == training.ApplicationId).Select(a => a.WorkflowInstanceId).SingleAsync());

        await CompleteAsync(instance, "agree", csmActor, new
        {
            topic = "AWS入門", startsAt = "2026-05-20T14:00:00+09:00", durationMinutes = 120, meetingUrl = "https://meet.example.jp/csat", note = "",
        });
        await CompleteAsync(instance, "confirm", repActor, new { decision = "accept" });
        Assert.Equal(ApplicationStatus.Scheduled, await StatusAsync(training.ApplicationId));
        Assert.Equal(0, await CoreAsync(db => db.SatisfactionSurveys.CountAsync(s => s.ApplicationId == training.ApplicationId)));

        // The training's day: the timer fires as Hangfire would, and the CSM records the result.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 5, 20, 5, 0, 1, TimeSpan.Zero));
        Guid timer;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            timer = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Bookmarks.AsNoTracking()
                .Where(b => b.InstanceId == instance && b.Kind == BookmarkKind.Timer && b.ResumedAt == null && b.CancelledAt == null)
                .Select(b => b.Id).SingleAsync();
        }

        await using (var jobs = app.Services.CreateAsyncScope())
        {
            await jobs.ServiceProvider.GetRequiredService<WorkflowJobs>().RunBookmarkAsync(timer);
        }

        await CompleteAsync(instance, "record", csmActor, new { attendance = 6, materials = "https://docs.example.jp/csat.pdf", summary = "活発な質疑" });
        Assert.True(await Eventually.WaitAsync(async () => await StatusAsync(training.ApplicationId) == ApplicationStatus.Completed));

        var survey = await CoreAsync(db => db.SatisfactionSurveys.AsNoTracking().SingleAsync(s => s.ApplicationId == training.ApplicationId));
        Assert.Equal(("TRAIN-1", company, csm.PersonId), (survey.ServiceId, survey.CompanyId, survey.CsmId));

        using var client = new PortalClient(app);
        await client.SignInAsync(rep);
        var home = await client.GetPageAsync("/");
        Assert.Contains("data-test=\"survey-card\"", home, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Surveys/{survey.Id}\"", home, StringComparison.Ordinal);
        Assert.Contains("data-test=\"survey-form\"", await client.GetPageAsync($"/Surveys/{survey.Id}"), StringComparison.Ordinal);
        using var answered = await client.PostFormAsync($"/Surveys/{survey.Id}", new Dictionary<string, string> { ["Score"] = "5", ["Comment"] = "分かりやすかった" });
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Contains("data-test=\"survey-score\">5<", await client.GetPageAsync($"/Surveys/{survey.Id}"), StringComparison.Ordinal);
    }

    private async Task CompleteAsync(Guid instance, string node, TaskActor actor, object data)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var tasks = scope.ServiceProvider.GetRequiredService<ITaskService>();
        var task = (await tasks.ListForInstanceAsync(instance)).Single(t => t.NodeId == node && t.Status is WorkflowTaskStatus.Open or WorkflowTaskStatus.Claimed);
        var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(data))!;
        var result = await tasks.CompleteAsync(task.Id, actor, values);
        Assert.True(result.Outcome == TaskCommandOutcome.Succeeded, $"{node}: {result.Outcome} {string.Join(", ", result.FormErrors.Select(e => $"{e.Field} {e.Code}"))}");
    }

    private Task<ApplicationStatus> StatusAsync(Guid applicationId) =>
        CoreAsync(db => db.Applications.Where(a => a.Id == applicationId).Select(a => a.Status).SingleAsync());

    private async Task<T> CoreAsync<T>(Func<CoreDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<CoreDbContext>());
    }
}
