using CloudpackPlus.Workflows.InstanceMigration;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;
using CloudpackPlus.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Workflows.Tests.Migration;

/// <summary>
/// Instance migration with an explicit node mapping: the dry run says per instance what would happen and refuses
/// unmappable positions; an apply moves all waiting instances or none; moved instances go on on the new version.
/// </summary>
public sealed class InstanceMigratorTests(WorkflowFixture fx) : IClassFixture<WorkflowFixture>
{
    private static string V1(string id) => Flows.Linear(id,
        ("wait", "WaitForSignal", """{ "signal": "go" }"""),
        ("count", "SetVariable", """{ "name": "n", "value": { "expr": "variables.n + 1" } }"""));

    // v2 renames the wait to "hold" and adds a step after it.
    private static string V2(string id) => Flows.Linear(id,
        ("hold", "WaitForSignal", """{ "signal": "go" }"""),
        ("note", "SetVariable", """{ "name": "m", "value": 7 }"""),
        ("count", "SetVariable", """{ "name": "n", "value": { "expr": "variables.n + 1" } }"""));

    private Task<T> Migrator<T>(Func<InstanceMigrator, Task<T>> call) =>
        fx.With<IServiceProvider, T>(sp => call(ActivatorUtilities.CreateInstance<InstanceMigrator>(sp)));

    private Task<Guid> StartAsync(string id) =>
        fx.With<IWorkflowRuntime, Guid>(async r => (await r.StartWorkflowAsync(id, null, null, "tester")).InstanceId);

    private Task<InstanceView> GetAsync(Guid id) => fx.With<IWorkflowRuntime, InstanceView>(async r => (await r.GetInstanceAsync(id))!);

    private static MigrationRequest Request(string id, params (string From, string To)[] mapping) =>
        new(id, 1, 2, mapping.ToDictionary(m => m.From, m => m.To));

    [Fact]
    public async Task DryRun_RefusesUnmappableWaits_AndApplyChangesNothing_UntilTheMappingIsExplicit()
    {
        await fx.PublishAsync(V1("mig-refuse"));
        var a = await StartAsync("mig-refuse");
        var b = await StartAsync("mig-refuse");
        await fx.PublishAsync(V2("mig-refuse"));

        var unmapped = await Migrator(m => m.PlanAsync(Request("mig-refuse")));
        var unknown = await Migrator(m => m.PlanAsync(Request("mig-refuse", ("wait", "ghost"))));
        var otherType = await Migrator(m => m.PlanAsync(Request("mig-refuse", ("wait", "note"))));
        var refused = await Migrator(m => m.ApplyAsync(Request("mig-refuse"), "admin"));

        Assert.Equal([a, b], unmapped.Instances.Select(i => i.InstanceId).Order());
        Assert.All(unmapped.Instances, i => Assert.Equal(new PositionMove("wait", null, MigrationRefusals.Unmapped), Assert.Single(i.Moves)));
        Assert.False(unmapped.CanApply);
        Assert.Equal(MigrationRefusals.UnknownTarget, unknown.Instances[0].Moves[0].Refusal);
        Assert.Equal(MigrationRefusals.TypeChanged, otherType.Instances[0].Moves[0].Refusal);
        Assert.False(refused.Applied);
        Assert.Equal(1, (await GetAsync(a)).Version);
        Assert.Equal("wait", Assert.Single(await fx.OpenBookmarksAsync(a)).NodeId);
        await Assert.ThrowsAsync<MigrationRequestException>(() => Migrator(m => m.PlanAsync(Request("mig-refuse") with { ToVersion = 9 })));
    }

    [Fact]
    public async Task Apply_MovesEveryWaitingInstanceToTheMappedNode_WithAJournalLine_AndTheyFinishOnTheNewVersion()
    {
        await fx.PublishAsync(V1("mig-apply"));
        var a = await StartAsync("mig-apply");
        var b = await StartAsync("mig-apply");
        await fx.PublishAsync(V2("mig-apply"));

        var plan = await Migrator(m => m.PlanAsync(Request("mig-apply", ("wait", "hold"))));
        var applied = await Migrator(m => m.ApplyAsync(Request("mig-apply", ("wait", "hold")), "admin-1"));
        var again = await Migrator(m => m.PlanAsync(Request("mig-apply", ("wait", "hold"))));

        Assert.True(plan.CanApply);
        Assert.True(applied.Applied);
        Assert.Equal(2, applied.Instances.Count);
        Assert.Empty(again.Instances);
        Assert.Equal("hold", Assert.Single(await fx.OpenBookmarksAsync(a)).NodeId);
        var journal = await fx.With<IWorkflowRuntime, IReadOnlyList<JournalEntry>>(r => r.GetJournalAsync(a));
        var line = journal.Single(j => j.Kind == InstanceMigrator.JournalKind);
        Assert.Equal("admin-1", line.Actor);
        Assert.Contains("\"wait\": \"hold\"", line.Data, StringComparison.Ordinal); // jsonb text form

        await fx.With<IWorkflowRuntime, ResumeResult>(r => r.SignalAsync(a, "go", null, "tester"));
        var finished = await GetAsync(a);
        Assert.Equal((InstanceStatus.Finished, 2, 7L, 1L), (finished.Status, finished.Version, finished.Variables["m"], finished.Variables["n"]));
        Assert.Equal(2, (await GetAsync(b)).Version);
    }

    [Fact]
    public async Task Apply_RenamesAWaitingHumanTask_SoItsCompletionResumesTheNewNode()
    {
        await fx.PublishAsync(Flows.Task("mig-task"));
        var a = await StartAsync("mig-task");
        await fx.PublishAsync(Flows.Task("mig-task").Replace("\"id\": \"task\"", "\"id\": \"review\"", StringComparison.Ordinal)
            .Replace("\"from\": \"task\"", "\"from\": \"review\"", StringComparison.Ordinal).Replace("\"to\": \"task\"", "\"to\": \"review\"", StringComparison.Ordinal));

        var applied = await Migrator(m => m.ApplyAsync(Request("mig-task", ("task", "review")), "admin-1"));

        Assert.True(applied.Applied);
        var task = await fx.With<WorkflowDbContext, WorkflowTask>(db => db.Tasks.AsNoTracking().SingleAsync(t => t.InstanceId == a));
        Assert.Equal("review", task.NodeId);
        var done = await fx.With<ITaskService, TaskCommandResult>(t => t.CompleteAsync(task.Id, new TaskActor("csm-1", new HashSet<string> { TaskRoles.Csm }, null),
            new Dictionary<string, System.Text.Json.JsonElement> { ["ok"] = System.Text.Json.JsonSerializer.SerializeToElement(true) }));
        Assert.Equal(TaskCommandOutcome.Succeeded, done.Outcome);
        Assert.Equal(InstanceStatus.Finished, (await GetAsync(a)).Status);
    }
}
