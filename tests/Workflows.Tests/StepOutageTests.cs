using System.Collections.Concurrent;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tests.Support;

namespace CloudpackPlus.Workflows.Tests;

/// <summary>Kills its own connection the first time it runs for an instance, as a PostgreSQL restart does to a step in flight.</summary>
[Activity("Test.KillConnectionOnce", Category = "Test", MaxAttempts = 1)]
public sealed class KillConnectionOnce : Activity
{
    public static ConcurrentDictionary<Guid, int> Runs { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Runs.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1) == 1)
        {
            await using var command = context.Connection.CreateCommand();
            command.Transaction = context.Transaction;
            command.CommandText = "SELECT pg_terminate_backend(pg_backend_pid())";
            await command.ExecuteNonQueryAsync(context.CancellationToken);
        }

        return ActivityResult.Done();
    }
}

/// <summary>
/// A step broken by a passing database outage (issue #17, Faults): it runs again instead of faulting the instance
/// (a Faulted instance's timers are never fired), and its writes count once.
/// </summary>
public sealed class StepOutageTests(WorkflowFixture fx) : IClassFixture<WorkflowFixture>
{
    [Fact]
    public async Task StepWhoseConnectionDiesOnce_RunsAgain_AndTheInstanceGoesOn()
    {
        await fx.PublishAsync(Flows.Linear("kill-once",
            ("wait", "WaitForSignal", """{ "signal": "go" }"""),
            ("count", "SetVariable", """{ "name": "n", "value": { "expr": "variables.n + 1" } }"""),
            ("act", "Test.KillConnectionOnce", "{}")));
        var started = await fx.With<IWorkflowRuntime, StartResult>(r => r.StartWorkflowAsync("kill-once", null, null, "tester"));

        var resumed = await fx.With<IWorkflowRuntime, ResumeResult>(r => r.SignalAsync(started.InstanceId, "go", null, "tester"));

        var view = (await fx.With<IWorkflowRuntime, InstanceView?>(r => r.GetInstanceAsync(started.InstanceId)))!;
        Assert.Equal(InstanceStatus.Finished, resumed.Status);
        Assert.Empty(view.OpenIncidents);
        Assert.Equal(2, KillConnectionOnce.Runs[started.InstanceId]);
        Assert.Equal(1L, view.Variables["n"]);
    }
}
