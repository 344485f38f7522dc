using System.Text.Json;
using CloudpackPlus.Activities.Basic;
using CloudpackPlus.Activities.Tests.Applications;
using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Activities.Tests.Basic;

/// <summary>The whole host with Backlog pointed at a local fake (BAS-4), and helpers that drive a basic-service cycle.</summary>
public sealed class BasicCycleFixture : TrainingApplicationFixture
{
    public FakeBacklogServer Backlog { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Backlog:SpaceUrl"] = Backlog.BaseUri.ToString(),
        ["Backlog:ApiKey"] = FakeBacklogServer.ApiKey,
        ["Backlog:IssueTypeName"] = "作業報告",
    };

    public override async Task InitializeAsync()
    {
        await Backlog.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Backlog.DisposeAsync();
    }

    public async Task<Guid> StartAsync(Guid companyId, Guid csmId, string title = "コスト最適化")
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BasicCycleDesk>().StartAsync(companyId, title, csmId);
    }

    public Task<BasicServiceProposal> CycleAsync(Guid id) =>
        CoreAsync(db => db.BasicServiceProposals.AsNoTracking().SingleAsync(p => p.Id == id));

    public async Task<BasicServiceAllowance> AllowanceAsync(Guid companyId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BasicServiceAllowanceService>().GetAsync(companyId, Core.Time.FiscalYear.Current(Clock));
    }

    /// <summary>The open task at a node of the cycle, waiting up to 30 s (a background step runs in between).</summary>
    public async Task<WorkflowTask> TaskAtAsync(Guid cycleId, string node)
    {
        var instance = (await CycleAsync(cycleId)).WorkflowInstanceId!.Value;
        for (var i = 0; i < 300; i++)
        {
            await using (var scope = Services.CreateAsyncScope())
            {
                var task = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Tasks.AsNoTracking()
                    .SingleOrDefaultAsync(t => t.InstanceId == instance && t.NodeId == node && (t.Status == WorkflowTaskStatus.Open || t.Status == WorkflowTaskStatus.Claimed));
                if (task is not null)
                {
                    return task;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No open task at {node}.");
    }

    public async Task<TaskCommandResult> DoAsync(Guid cycleId, string node, Guid csmId, object data) =>
        await CompleteAsync((await TaskAtAsync(cycleId, node)).Id, new TaskActor(csmId.ToString(), [TaskRoles.Csm]), data);

    public async Task<AwsAccount> LinkAsync(Guid companyId, Guid staffId, string accountId, string? backlogProject)
    {
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AwsAccountService>();
        var account = await accounts.LinkAsync(companyId, accountId, true, "本番", staffId);
        return backlogProject is null ? account : await accounts.SetMaintenanceAsync(account.Id, true, backlogProject, staffId);
    }

    public static object Hearing => new { meetingAt = "2026-05-13T14:00:00+09:00", attendees = "情報システム部 3名", notes = "EC2の利用率が低い" };

    public static Dictionary<string, JsonElement> Json(object data) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(data))!;
}
