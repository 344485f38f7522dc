using System.Globalization;
using System.Text.Json;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Workflows;
using CloudpackPlus.Workflows.Calendar;
using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Portal.Demo;

/// <summary>
/// Two training applications of the demo company, through the real services: one waiting for the
/// CSM (the inbox has a task), one whose date the CSM proposed (the representative has a task).
/// Fixed ids make it idempotent.
/// </summary>
internal sealed class TrainingDemoSeeder(
    CoreDbContext core, ApplicationDesk desk, ITaskService tasks, ConversationService conversation, IWorkflowCalendar calendar,
    DefinitionFileImporter importer, IOptions<WorkflowOptions> options, TimeProvider clock) : IDemoSeeder
{
    private static readonly Guid WaitingForCsm = DemoApplicationIds.TrainingWaitingForCsm;
    private static readonly Guid WaitingForCustomer = DemoApplicationIds.TrainingWaitingForCustomer;

    public int Order => 40;

    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        // seed-demo runs without the hosted services, so the service workflows are imported here.
        await importer.ImportAsync(options.Value.ResolvedDefinitionsPath, cancellationToken);
        var company = await core.Companies.Where(c => c.Code == "DEMO").Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        var rep = await core.People.Where(p => p.Email == "rep@demo.example.jp").Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
        var csm = await core.People.Where(p => p.Email == "csm@cloudpack.example.jp" && p.Role == PersonRole.Csm).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (company is null || rep is null || csm is null)
        {
            return ["training applications: skipped (demo company or people missing)"];
        }

        var today = Tokyo.Today(clock);
        var first = await desk.ApplyAsync("TRAIN-1", WaitingForCsm,
            new TrainingRequest(TrainingTopic.IntroductionId, "新しく配属されたエンジニア向けに、AWSの全体像と主要サービスを学びたい。", [new(today.AddDays(7), today.AddDays(30))], 8).ToFormData(),
            rep.Value, cancellationToken);
        if (first.Created)
        {
            await conversation.PostAsync(WaitingForCsm, rep.Value, false, "はじめてのAWS研修です。できれば午後の時間帯を希望します。", [], cancellationToken);
        }

        var second = await desk.ApplyAsync("TRAIN-1", WaitingForCustomer,
            new TrainingRequest(TrainingTopic.IamId, "IAMの権限設計を見直したい。", [new(today.AddDays(5), today.AddDays(20)), new(today.AddDays(25), today.AddDays(40))], 4).ToFormData(),
            rep.Value, cancellationToken);
        if (second.Created)
        {
            await ProposeAsync(csm.Value, cancellationToken);
        }

        var numbers = await core.Applications.Where(a => a.Id == WaitingForCsm || a.Id == WaitingForCustomer)
            .OrderBy(a => a.Number).Select(a => a.Number).ToListAsync(cancellationToken);
        var verb = first.Created || second.Created ? "created" : "found";
        return [$"{verb} training applications {string.Join(", ", numbers)}: one waits in the CSM's inbox, one waits for the representative's confirmation"];
    }

    private async Task ProposeAsync(Guid csm, CancellationToken cancellationToken)
    {
        var instance = await core.Applications.Where(a => a.Id == WaitingForCustomer).Select(a => a.WorkflowInstanceId).SingleAsync(cancellationToken);
        var task = (await tasks.ListForInstanceAsync(instance, cancellationToken)).Single(t => t.NodeId == "agree" && t.Status == WorkflowTaskStatus.Open);
        var day = Tokyo.DateOf(calendar.AddBusinessDays(clock.GetUtcNow(), 6));
        var startsAt = Tokyo.ToTokyo(Tokyo.At(day, new TimeOnly(14, 0))).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var data = JsonSerializer.SerializeToElement(new
        {
            topic = "IAMとアカウントセキュリティ実践", startsAt, durationMinutes = 120,
            meetingUrl = "https://meet.example.jp/cloudpack-demo", note = "当日はハンズオン用のAWSアカウントをご用意ください。",
        }).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        var result = await tasks.CompleteAsync(task.Id, new TaskActor(csm.ToString(), [TaskRoles.Csm]), data, cancellationToken);
        if (result.Outcome != TaskCommandOutcome.Succeeded)
        {
            throw new InvalidOperationException($"Demo proposal refused: {string.Join("; ", result.Errors)}");
        }
    }
}
