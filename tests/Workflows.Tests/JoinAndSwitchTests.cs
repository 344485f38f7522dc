using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;
using CloudpackPlus.Workflows.Tests.Support;
using static CloudpackPlus.Workflows.Tests.Support.Graphs;

namespace CloudpackPlus.Workflows.Tests;

/// <summary>Join waits only for branches that can still arrive; running out of work faults; Switch picks its outcomes.</summary>
public sealed class JoinAndSwitchTests(WorkflowFixture fx) : IClassFixture<WorkflowFixture>
{
    private Task<StartResult> Start(string id, Dictionary<string, object?>? input = null) =>
        fx.With<IWorkflowRuntime, StartResult>(r => r.StartWorkflowAsync(id, input, null, "tester"));

    private async Task<InstanceView> Get(Guid id) => (await fx.With<IWorkflowRuntime, InstanceView?>(r => r.GetInstanceAsync(id)))!;

    [Theory]
    [InlineData(true, "yes")]
    [InlineData(false, "no")]
    public async Task JoinAfterDecision_ContinuesWithTheBranchTaken_AndFinishes(bool flag, string expected)
    {
        await fx.PublishAsync(Of("join-decision", """{ "name": "flag", "default": false }""",
            $$"""
                {{StartNode}}, { "id": "d", "type": "Decision", "inputs": { "condition": { "expr": "variables.flag" } } },
                {{Set("yes", "path", "\"yes\"")}}, {{Set("no", "path", "\"no\"")}}, { "id": "join", "type": "Join" },
                {{Set("after", "joined", "true")}}, {{EndNode}}
                """,
            "start>d", "d.True>yes", "d.False>no", "yes>join", "no>join", "join>after", "after>end"));

        var started = await Start("join-decision", new() { ["flag"] = flag });

        Assert.Equal(InstanceStatus.Finished, started.Status);
        var view = await Get(started.InstanceId);
        Assert.Equal(expected, view.Variables["path"]);
        Assert.Equal(true, view.Variables["joined"]);
        Assert.Empty(view.OpenIncidents);
    }

    [Fact]
    public async Task JoinAfterFork_WaitsForABranchThatIsStillWaiting()
    {
        await fx.PublishAsync(Of("join-fork", "",
            $$"""
                {{StartNode}}, { "id": "fork", "type": "Fork" }, { "id": "wait", "type": "WaitForSignal", "inputs": { "signal": "go" } },
                {{Set("quick", "quick", "true")}}, { "id": "join", "type": "Join" }, {{Set("after", "joined", "true")}}, {{EndNode}}
                """,
            "start>fork", "fork>wait", "fork>quick", "wait>join", "quick>join", "join>after", "after>end"));

        var started = await Start("join-fork");

        Assert.Equal(InstanceStatus.Suspended, started.Status);
        Assert.False((await Get(started.InstanceId)).Variables.ContainsKey("joined"));
        await fx.With<IWorkflowRuntime, ResumeResult>(r => r.SignalAsync(started.InstanceId, "go", null, "t"));
        var view = await Get(started.InstanceId);
        Assert.Equal(InstanceStatus.Finished, view.Status);
        Assert.Equal(true, view.Variables["joined"]);
    }

    [Fact]
    public async Task InstanceThatRunsOutOfWorkWithoutEnd_IsFaultedWithAnIncident_NeverFinished()
    {
        await fx.PublishAsync(Of("no-end", "", $$"""{{StartNode}}, {{Set("only", "x", "1")}}""", "start>only"));

        var started = await Start("no-end");

        Assert.Equal(InstanceStatus.Faulted, started.Status);
        var view = await Get(started.InstanceId);
        var incident = Assert.Single(view.OpenIncidents);
        Assert.Equal("only", incident.NodeId);
        Assert.Equal(FlowchartInterpreter.OutOfWorkError, incident.Error);
        Assert.Null(view.FinishedAt);
    }

    [Fact]
    public async Task TaskCompletedOnAPathWithoutEnd_FaultsTheInstance_InsteadOfFinishing()
    {
        await fx.PublishAsync(Of("task-no-end", "",
            $$"""{{StartNode}}, { "id": "task", "type": "HumanTask", "inputs": { "title": "t", "role": "csm" } }""", "start>task"));
        var started = await Start("task-no-end");
        var csm = new TaskActor("csm-1", [TaskRoles.Csm]);
        var task = (await fx.With<ITaskService, IReadOnlyList<WorkflowTask>>(t => t.ListAsync(csm))).Single(t => t.InstanceId == started.InstanceId);

        await fx.With<ITaskService, TaskCommandResult>(t => t.CompleteAsync(task.Id, csm, new Dictionary<string, System.Text.Json.JsonElement>()));

        Assert.Equal(InstanceStatus.Faulted, (await Get(started.InstanceId)).Status);
    }

    private Task<int> PublishSwitch(string id, string mode) => fx.PublishAsync(Of(id, """{ "name": "amount", "default": 0 }, { "name": "hits", "default": "" }""",
        $$"""
                {{StartNode}}, { "id": "sw", "type": "Switch", "inputs": { "mode": "{{mode}}", "cases": [
                { "name": "Big", "condition": { "expr": "variables.amount > 100" } },
                { "name": "Positive", "condition": { "expr": "variables.amount > 0" } },
                { "name": "Never", "condition": false } ] } },
                {{Set("big", "hits", "{ \"expr\": \"variables.hits + 'big;'\" }")}}, {{Set("pos", "hits", "{ \"expr\": \"variables.hits + 'pos;'\" }")}},
                {{Set("never", "hits", "\"never\"")}}, {{Set("other", "hits", "\"default\"")}}, { "id": "join", "type": "Join" }, {{EndNode}}
                """,
        "start>sw", "sw.Big>big", "sw.Positive>pos", "sw.Never>never", "sw.Default>other",
        "big>join", "pos>join", "never>join", "other>join", "join>end"));

    [Theory]
    [InlineData("first", 500, "big;")]
    [InlineData("first", 5, "pos;")]
    [InlineData("first", -1, "default")]
    [InlineData("all", 500, "big;pos;")]
    [InlineData("all", -1, "default")]
    public async Task Switch_FollowsTheFirstOrEveryMatchingCase_ElseDefault(string mode, long amount, string hits)
    {
        await PublishSwitch($"switch-{mode}", mode);

        var started = await Start($"switch-{mode}", new() { ["amount"] = amount });

        Assert.Equal(InstanceStatus.Finished, started.Status);
        Assert.Equal(hits, (await Get(started.InstanceId)).Variables["hits"]);
    }
}
