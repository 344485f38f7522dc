using System.Text.Json;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;
using CloudpackPlus.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Workflows.Tests;

public sealed class RuntimeTests(WorkflowFixture fx) : IClassFixture<WorkflowFixture>
{
    private static readonly TaskActor Csm = new("csm-1", [TaskRoles.Csm]);

    private Task<StartResult> Start(string id, string? correlation = null, Dictionary<string, object?>? input = null) =>
        fx.With<IWorkflowRuntime, StartResult>(r => r.StartWorkflowAsync(id, input, correlation, "tester"));

    private Task<InstanceView?> Get(Guid id) => fx.With<IWorkflowRuntime, InstanceView?>(r => r.GetInstanceAsync(id));

    private Task<TaskCommandResult> Complete(Guid taskId, TaskActor actor, string json) =>
        fx.With<ITaskService, TaskCommandResult>(t => t.CompleteAsync(taskId, actor, JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!));

    private async Task<WorkflowTask> TaskOf(Guid instanceId) =>
        (await fx.With<ITaskService, IReadOnlyList<WorkflowTask>>(t => t.ListAsync(Csm))).Single(t => t.InstanceId == instanceId);

    [Fact]
    public async Task InstantActivities_RunInOneStep_WithDecisionForkJoinAndVariables()
    {
        await fx.PublishAsync("""
            { "definitionId": "instant", "variables": [ { "name": "amount", "default": 5 } ],
              "activities": [ { "id": "start", "type": "Start" },
                { "id": "fork", "type": "Fork" },
                { "id": "a", "type": "SetVariable", "inputs": { "name": "a", "value": { "expr": "variables.amount * 2" } } },
                { "id": "b", "type": "SetVariable", "inputs": { "name": "b", "value": "hello {{ variables.amount }}" } },
                { "id": "join", "type": "Join" },
                { "id": "decide", "type": "Decision", "inputs": { "condition": { "expr": "variables.a > 8" } } },
                { "id": "big", "type": "SetVariable", "inputs": { "name": "size", "value": "big" } },
                { "id": "small", "type": "SetVariable", "inputs": { "name": "size", "value": "small" } },
                { "id": "end", "type": "End" } ],
              "connections": [ { "from": "start", "outcome": "Done", "to": "fork" },
                { "from": "fork", "outcome": "Done", "to": "a" }, { "from": "fork", "outcome": "Done", "to": "b" },
                { "from": "a", "outcome": "Done", "to": "join" }, { "from": "b", "outcome": "Done", "to": "join" },
                { "from": "join", "outcome": "Done", "to": "decide" },
                { "from": "decide", "outcome": "True", "to": "big" }, { "from": "decide", "outcome": "False", "to": "small" },
                { "from": "big", "outcome": "Done", "to": "end" }, { "from": "small", "outcome": "Done", "to": "end" } ] }
            """);

        var started = await Start("instant", input: new() { ["amount"] = 7 });

        Assert.Equal(InstanceStatus.Finished, started.Status);
        var view = await Get(started.InstanceId);
        Assert.Equal(14L, view!.Variables["a"]);
        Assert.Equal("hello 7", view.Variables["b"]);
        Assert.Equal("big", view.Variables["size"]);
        var journal = await fx.With<IWorkflowRuntime, IReadOnlyList<JournalEntry>>(r => r.GetJournalAsync(started.InstanceId));
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(j => j.Sequence));
        Assert.Single(journal, j => j.Kind == JournalKinds.ActivityCompleted && j.NodeId == "join"); // join ran once, after both branches
        Assert.Equal(JournalKinds.InstanceFinished, journal[^1].Kind);
    }

    [Fact]
    [Trait("Spec", "HOURS-1")]
    public async Task HumanTask_IsListedForItsRole_WithDueDateOnTheBusinessCalendar_AndCompletionResumes()
    {
        await fx.PublishAsync(Flows.Task("task-flow", form: """{ "fields": [ { "name": "ok", "type": "boolean", "required": true }, { "name": "note", "type": "text", "maxLength": 5 } ] }"""));
        var started = await Start("task-flow");
        Assert.Equal(InstanceStatus.Suspended, started.Status);

        var task = await TaskOf(started.InstanceId);
        // Monday 10:00 JST + 3 business days = Thursday, due at 19:00 JST.
        Assert.Equal(new DateTimeOffset(2026, 5, 14, 10, 0, 0, TimeSpan.Zero), task.DueAt);
        Assert.Empty(await fx.With<ITaskService, IReadOnlyList<WorkflowTask>>(t => t.ListAsync(new TaskActor("u", [TaskRoles.CustomerUser], Guid.NewGuid()))));

        var invalid = await Complete(task.Id, Csm, """{ "note": "too long", "extra": 1 }""");
        Assert.Equal(TaskCommandOutcome.Invalid, invalid.Outcome);
        Assert.Equal(3, invalid.Errors.Count); // ok required, note too long, extra unknown

        Assert.Equal(TaskCommandOutcome.NotAllowed, (await Complete(task.Id, new TaskActor("cust", [TaskRoles.CustomerUser]), """{ "ok": true }""")).Outcome);
        Assert.Equal(TaskCommandOutcome.Succeeded, (await Complete(task.Id, Csm, """{ "ok": true }""")).Outcome);

        var view = await Get(started.InstanceId);
        Assert.Equal(InstanceStatus.Finished, view!.Status);
        Assert.Equal(true, ((Dictionary<string, object?>)view.Variables["answer"]!)["ok"]);
        var done = await fx.With<ITaskService, WorkflowTask?>(t => t.GetAsync(task.Id));
        Assert.Equal(("csm-1", WorkflowTaskStatus.Completed), (done!.CompletedBy, done.Status));
        var journal = await fx.With<IWorkflowRuntime, IReadOnlyList<JournalEntry>>(r => r.GetJournalAsync(started.InstanceId));
        Assert.Contains(journal, j => j.Kind == JournalKinds.TaskCompleted && j.Actor == "csm-1");
    }

    [Fact]
    public async Task ClaimAndRelease_ControlWhoMayComplete()
    {
        await fx.PublishAsync(Flows.Task("claim-flow"));
        var started = await Start("claim-flow");
        var task = await TaskOf(started.InstanceId);
        var other = new TaskActor("csm-2", [TaskRoles.Csm]);

        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.With<ITaskService, TaskCommandResult>(t => t.ClaimAsync(task.Id, Csm))).Outcome);
        Assert.Equal(TaskCommandOutcome.ClaimedByOther, (await fx.With<ITaskService, TaskCommandResult>(t => t.ClaimAsync(task.Id, other))).Outcome);
        Assert.Equal(TaskCommandOutcome.ClaimedByOther, (await Complete(task.Id, other, """{ "ok": false }""")).Outcome);
        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.With<ITaskService, TaskCommandResult>(t => t.ReleaseAsync(task.Id, Csm))).Outcome);
        Assert.Equal(TaskCommandOutcome.Succeeded, (await Complete(task.Id, other, """{ "ok": false }""")).Outcome);
        Assert.Equal(TaskCommandOutcome.AlreadyCompleted, (await Complete(task.Id, Csm, """{ "ok": true }""")).Outcome);
    }

    [Fact]
    public async Task TwoHundredConcurrentCompletions_ExactlyOneWins_TheRestAreToldItIsDone()
    {
        await fx.PublishAsync(Flows.Linear("race-task",
            ("task", "HumanTask", """{ "title": "t", "role": "csm", "form": { "fields": [ { "name": "who", "type": "integer" } ] } }"""),
            ("after", "SetVariable", """{ "name": "n", "value": { "expr": "variables.n + 1" } }""")));
        var started = await Start("race-task");
        var task = await TaskOf(started.InstanceId);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => Complete(task.Id, new TaskActor($"csm-{i}", [TaskRoles.Csm]), $$"""{ "who": {{i}} }"""))));

        var winners = results.Where(r => r.Outcome == TaskCommandOutcome.Succeeded).ToList();
        Assert.Single(winners);
        Assert.All(results.Where(r => r.Outcome != TaskCommandOutcome.Succeeded), r =>
        {
            Assert.Equal(TaskCommandOutcome.AlreadyCompleted, r.Outcome);
            Assert.Equal(winners[0].CompletedBy, r.CompletedBy);
        });
        var view = await Get(started.InstanceId);
        Assert.Equal(1L, view!.Variables["n"]); // the step after the task ran once
        Assert.Equal(1L, await fx.ScalarAsync<long>($"SELECT count(*) FROM wf.journal WHERE instance_id = '{started.InstanceId}' AND kind = 'task-completed'"));
        Assert.Equal(1L, await fx.ScalarAsync<long>($"SELECT count(*) FROM wf.bookmarks WHERE instance_id = '{started.InstanceId}' AND resumed_at IS NOT NULL"));
    }

    [Fact]
    public async Task ResumingABookmarkTwice_ChangesNothingTheSecondTime()
    {
        await fx.PublishAsync(Flows.Linear("signal-flow", ("wait", "WaitForSignal", """{ "signal": "paid" }"""),
            ("count", "SetVariable", """{ "name": "n", "value": { "expr": "variables.n + 1" } }""")));
        var started = await Start("signal-flow");
        var bookmark = (await fx.OpenBookmarksAsync(started.InstanceId)).Single();

        var first = await fx.With<IWorkflowRuntime, ResumeResult>(r => r.SignalAsync(started.InstanceId, "paid", new Dictionary<string, object?> { ["amount"] = 3 }, "billing"));
        var second = await fx.With<IWorkflowRuntime, ResumeResult>(r => r.ResumeBookmarkAsync(bookmark.Id, null, "billing"));

        Assert.Equal(ResumeOutcome.Resumed, first.Outcome);
        Assert.Equal(ResumeOutcome.AlreadyResumed, second.Outcome);
        Assert.Contains("already resumed", second.Message, StringComparison.Ordinal);
        Assert.Equal(1L, (await Get(started.InstanceId))!.Variables["n"]);
    }

    [Fact]
    public async Task StartWorkflow_IsIdempotentPerCorrelationId_EvenWhenConcurrent()
    {
        await fx.PublishAsync(Flows.Task("idem"));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Start("idem", "application-42"))));

        Assert.Single(results.Select(r => r.InstanceId).Distinct());
        Assert.Single(results, r => r.Created);
        Assert.Equal(1L, await fx.ScalarAsync<long>("SELECT count(*) FROM wf.tasks t JOIN wf.instances i ON i.id = t.instance_id WHERE i.correlation_id = 'application-42'"));
    }

    [Fact]
    public async Task InstanceStartedOnV1_FinishesOnV1_AfterV2IsPublished()
    {
        await fx.PublishAsync(Flows.Linear("pinned",
            ("task", "HumanTask", """{ "title": "t", "role": "csm" }"""),
            ("mark", "SetVariable", """{ "name": "path", "value": "v1" }""")));
        var onV1 = await Start("pinned", "a");
        await fx.PublishAsync(Flows.Linear("pinned",
            ("task", "HumanTask", """{ "title": "t", "role": "csm" }"""),
            ("mark", "SetVariable", """{ "name": "path", "value": "v2" }""")));
        var onV2 = await Start("pinned", "b");

        foreach (var id in new[] { onV1.InstanceId, onV2.InstanceId })
        {
            Assert.Equal(TaskCommandOutcome.Succeeded, (await Complete((await TaskOf(id)).Id, Csm, "{}")).Outcome);
        }

        var v1 = await Get(onV1.InstanceId);
        var v2 = await Get(onV2.InstanceId);
        Assert.Equal((1, "v1", InstanceStatus.Finished), (v1!.Version, v1.Variables["path"], v1.Status));
        Assert.Equal((2, "v2", InstanceStatus.Finished), (v2!.Version, v2.Variables["path"], v2.Status));
    }

    [Fact]
    public async Task Start_OnAHostThatStillRemembersV1_RunsV2_AfterAnotherHostPublishedIt()
    {
        await fx.PublishAsync(Flows.Linear("stale", ("mark", "SetVariable", """{ "name": "path", "value": "v1" }""")));
        var v1 = await Start("stale", "s-1");
        var remembered = fx.Services.GetRequiredService<PublishedVersions>().TryGet("stale");
        await fx.PublishAsync(Flows.Linear("stale", ("mark", "SetVariable", """{ "name": "path", "value": "v2" }""")));
        // Another host published v2: this one still remembers v1.
        fx.Services.GetRequiredService<PublishedVersions>().Remember("stale", remembered!.Value);

        var afterPublish = await Start("stale", "s-2");

        Assert.Equal(1, (await Get(v1.InstanceId))!.Version);
        var view = await Get(afterPublish.InstanceId);
        Assert.Equal((2, "v2", InstanceStatus.Finished), (view!.Version, view.Variables["path"], view.Status));
        Assert.Equal(2, fx.Services.GetRequiredService<PublishedVersions>().TryGet("stale")!.Value.Version);
        Assert.Equal(2L, await fx.ScalarAsync<long>("SELECT count(*) FROM wf.instances WHERE definition_id = 'stale'"));
    }

    [Fact]
    public async Task RepeatedStart_FromTheRememberedVersion_AnswersTheExistingInstance_AndWritesNothingElse()
    {
        await fx.PublishAsync(Flows.Task("idem-cached"));
        var first = await Start("idem-cached", "application-7");
        Assert.NotNull(fx.Services.GetRequiredService<PublishedVersions>().TryGet("idem-cached"));

        var again = await Start("idem-cached", "application-7");

        Assert.Equal((first.InstanceId, false), (again.InstanceId, again.Created));
        Assert.Equal(1L, await fx.ScalarAsync<long>("SELECT count(*) FROM wf.tasks t JOIN wf.instances i ON i.id = t.instance_id WHERE i.correlation_id = 'application-7'"));
    }

    [Fact]
    public async Task End_CancelsOtherOpenWaits()
    {
        await fx.PublishAsync("""
            { "definitionId": "end-cancels",
              "activities": [ { "id": "start", "type": "Start" }, { "id": "fork", "type": "Fork" },
                { "id": "task", "type": "HumanTask", "inputs": { "title": "t", "role": "csm" } },
                { "id": "wait", "type": "WaitForSignal", "inputs": { "signal": "stop" } }, { "id": "end", "type": "End" } ],
              "connections": [ { "from": "start", "outcome": "Done", "to": "fork" },
                { "from": "fork", "outcome": "Done", "to": "task" }, { "from": "fork", "outcome": "Done", "to": "wait" },
                { "from": "wait", "outcome": "Done", "to": "end" } ] }
            """);
        var started = await Start("end-cancels");
        var task = await TaskOf(started.InstanceId);

        await fx.With<IWorkflowRuntime, ResumeResult>(r => r.SignalAsync(started.InstanceId, "stop", null, "x"));

        Assert.Equal(InstanceStatus.Finished, (await Get(started.InstanceId))!.Status);
        Assert.Equal(TaskCommandOutcome.Cancelled, (await Complete(task.Id, Csm, """{ "ok": true }""")).Outcome);
        Assert.Empty(await fx.OpenBookmarksAsync(started.InstanceId));
    }
}
