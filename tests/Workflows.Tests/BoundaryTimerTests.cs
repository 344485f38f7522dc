using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;
using CloudpackPlus.Workflows.Tests.Support;
using static CloudpackPlus.Workflows.Tests.Support.Graphs;

namespace CloudpackPlus.Workflows.Tests;

/// <summary>Boundary timers on a human task: reminder before the due date, escalation after it, interrupting timeout.</summary>
public sealed class BoundaryTimerTests(WorkflowFixture fx) : IClassFixture<WorkflowFixture>
{
    private static readonly TaskActor Csm = new("csm-1", [TaskRoles.Csm]);

    private Task<StartResult> Start(string id) => fx.With<IWorkflowRuntime, StartResult>(r => r.StartWorkflowAsync(id, null, null, "tester"));

    private async Task<InstanceView> Get(Guid id) => (await fx.With<IWorkflowRuntime, InstanceView?>(r => r.GetInstanceAsync(id)))!;

    private async Task<WorkflowTask> TaskOf(Guid instanceId) =>
        (await fx.With<ITaskService, IReadOnlyList<WorkflowTask>>(t => t.ListAsync(Csm))).Single(t => t.InstanceId == instanceId);

    [Fact]
    [Trait("Spec", "HOURS-1")]
    public async Task ReminderBeforeDue_AndEscalationAfterDue_RunWhileTheTaskStaysOpen_AndAreCancelledWhenItCompletes()
    {
        await fx.PublishAsync(Of("remind", """{ "name": "reminders", "default": 0 }""",
            $$"""
                {{StartNode}}, { "id": "task", "type": "HumanTask", "inputs": { "title": "t", "role": "csm", "dueInBusinessDays": 3 },
                "boundary": [ { "id": "remind", "before": "due", "businessDays": 1 }, { "id": "escalate", "after": "due", "duration": "02:00:00" } ] },
                {{Set("r", "reminders", "{ \"expr\": \"variables.reminders + 1\" }")}}, {{EndNode}}
                """,
            "start>task", "task.remind>r", "task>end"));
        var started = await Start("remind");
        var timers = (await fx.OpenBookmarksAsync(started.InstanceId)).Where(b => b.Kind == BookmarkKind.Timer).OrderBy(b => b.DueAt).ToList();

        // Started Monday 10:00 JST; due Thursday 19:00 JST; reminder Wednesday 19:00 JST (one business day before); escalation Thursday 21:00 JST.
        Assert.Equal(new DateTimeOffset(2026, 5, 13, 10, 0, 0, TimeSpan.Zero), timers[0].DueAt);
        Assert.Equal(new DateTimeOffset(2026, 5, 14, 12, 0, 0, TimeSpan.Zero), timers[1].DueAt);
        fx.Clock.SetUtcNow(timers[0].DueAt!.Value);
        await fx.RunJobAsync(timers[0].Id);

        var view = await Get(started.InstanceId);
        Assert.Equal(1L, view.Variables["reminders"]);
        Assert.Equal(InstanceStatus.Suspended, view.Status);
        var task = await TaskOf(started.InstanceId);
        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.With<ITaskService, TaskCommandResult>(t => t.CompleteAsync(task.Id, Csm, new Dictionary<string, System.Text.Json.JsonElement>()))).Outcome);

        Assert.Equal(InstanceStatus.Finished, (await Get(started.InstanceId)).Status);
        Assert.Equal(1L, await fx.ScalarAsync<long>($"SELECT count(*) FROM wf.bookmarks WHERE id = '{timers[1].Id}' AND cancelled_at IS NOT NULL"));
    }

    [Fact]
    public async Task InterruptingBoundary_CancelsTheTask_AndLeavesByItsOutcome()
    {
        await fx.PublishAsync(Of("timeout", "",
            $$"""
                {{StartNode}}, { "id": "task", "type": "HumanTask", "inputs": { "title": "t", "role": "csm" },
                "boundary": [ { "id": "timeout", "duration": "01:00:00", "interrupting": true } ] },
                {{Set("late", "timedOut", "true")}}, {{EndNode}}
                """,
            "start>task", "task.timeout>late", "late>end", "task>end"));
        var started = await Start("timeout");
        var task = await TaskOf(started.InstanceId);
        var timer = (await fx.OpenBookmarksAsync(started.InstanceId)).Single(b => b.Kind == BookmarkKind.Timer);
        fx.Clock.Advance(TimeSpan.FromHours(1));

        await fx.RunJobAsync(timer.Id);

        var view = await Get(started.InstanceId);
        Assert.Equal(InstanceStatus.Finished, view.Status);
        Assert.Equal(true, view.Variables["timedOut"]);
        Assert.Equal(TaskCommandOutcome.Cancelled, (await fx.With<ITaskService, TaskCommandResult>(t => t.CompleteAsync(task.Id, Csm, new Dictionary<string, System.Text.Json.JsonElement>()))).Outcome);
    }

    [Fact]
    public async Task NonInterruptingBoundary_OnATaskInsideAnOpenWait_DoesNotEndTheInstance()
    {
        await fx.PublishAsync(Of("nudge", "",
            $$"""
                {{StartNode}}, { "id": "wait", "type": "WaitForSignal", "inputs": { "signal": "go" },
                "boundary": [ { "id": "nudge", "duration": "00:10:00" } ] },
                {{Set("n", "nudged", "true")}}, {{EndNode}}
                """,
            "start>wait", "wait.nudge>n", "wait>end"));
        var started = await Start("nudge");
        var timer = (await fx.OpenBookmarksAsync(started.InstanceId)).Single(b => b.Kind == BookmarkKind.Timer);
        fx.Clock.Advance(TimeSpan.FromMinutes(10));

        await fx.RunJobAsync(timer.Id);

        Assert.Equal(InstanceStatus.Suspended, (await Get(started.InstanceId)).Status);
        await fx.With<IWorkflowRuntime, ResumeResult>(r => r.SignalAsync(started.InstanceId, "go", null, "t"));
        var view = await Get(started.InstanceId);
        Assert.Equal(InstanceStatus.Finished, view.Status);
        Assert.Equal(true, view.Variables["nudged"]);
    }
}
