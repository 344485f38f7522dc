using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tests.Support;
using static CloudpackPlus.Workflows.Tests.Support.Graphs;

namespace CloudpackPlus.Workflows.Tests;

/// <summary>ForEach: sequential and bounded-parallel iterations, each seeing its own item and index.</summary>
public sealed class ForEachTests(WorkflowFixture fx) : IClassFixture<WorkflowFixture>
{
    private Task<StartResult> Start(string id, Dictionary<string, object?>? input = null) =>
        fx.With<IWorkflowRuntime, StartResult>(r => r.StartWorkflowAsync(id, input, null, "tester"));

    private async Task<InstanceView> Get(Guid id) => (await fx.With<IWorkflowRuntime, InstanceView?>(r => r.GetInstanceAsync(id)))!;

    [Fact]
    public async Task Sequential_RunsTheBodyOncePerItemInOrder_ThenDone()
    {
        await fx.PublishAsync(Of("loop-seq", """{ "name": "log", "default": "" }, { "name": "sum", "default": 0 }""",
            $$"""
                {{StartNode}}, { "id": "each", "type": "ForEach", "inputs": { "items": { "expr": "[3, 4, 5]" }, "itemVariable": "n" } },
                {{Set("add", "sum", "{ \"expr\": \"variables.sum + variables.n\" }")}},
                {{Set("note", "log", "\"{{ variables.log }}{{ variables.index }}:{{ variables.n }};\"")}},
                {{Set("after", "done", "true")}}, {{EndNode}}
                """,
            "start>each", "each.Iterate>add", "add>note", "note>each", "each>after", "after>end"));

        var started = await Start("loop-seq");

        Assert.Equal(InstanceStatus.Finished, started.Status);
        var view = await Get(started.InstanceId);
        Assert.Equal(12L, view.Variables["sum"]);
        Assert.Equal("0:3;1:4;2:5;", view.Variables["log"]);
        Assert.Equal(true, view.Variables["done"]);
        Assert.False(view.Variables.ContainsKey("n")); // the item is visible inside the body only
    }

    [Fact]
    public async Task EmptyList_LeavesByDoneAtOnce()
    {
        await fx.PublishAsync(Of("loop-empty", "",
            $$"""
                {{StartNode}}, { "id": "each", "type": "ForEach", "inputs": { "items": [] } }, {{Set("body", "ran", "true")}},
                {{Set("after", "done", "true")}}, {{EndNode}}
                """,
            "start>each", "each.Iterate>body", "body>each", "each>after", "after>end"));

        var started = await Start("loop-empty");

        var view = await Get(started.InstanceId);
        Assert.Equal(InstanceStatus.Finished, view.Status);
        Assert.False(view.Variables.ContainsKey("ran"));
        Assert.Equal(true, view.Variables["done"]);
    }

    private const string WaitNode = """{ "id": "wait", "type": "WaitForSignal", "inputs": { "signal": "scan-{{ variables.region }}" } }""";

    private Task<int> PublishParallel(string id, int maxParallel) => fx.PublishAsync(Of(id, "",
        $$"""
                {{StartNode}}, { "id": "each", "type": "ForEach", "inputs": { "items": ["a", "b", "c"], "itemVariable": "region", "maxParallel": {{maxParallel}} } },
                {{WaitNode}},
                {{Set("record", "seen-{{ variables.region }}", "{ \"expr\": \"variables.region + ':' + variables.index\" }")}},
                {{Set("after", "done", "true")}}, {{EndNode}}
                """,
        "start>each", "each.Iterate>wait", "wait>record", "record>each", "each>after", "after>end"));

    private Task<ResumeResult> Signal(Guid id, string name) =>
        fx.With<IWorkflowRuntime, ResumeResult>(r => r.SignalAsync(id, name, null, "t"));

    [Fact]
    public async Task Parallel_IterationsWaitTogether_AndEachKeepsItsOwnItem_InWhateverOrderTheyResume()
    {
        await PublishParallel("loop-par", 3);
        var started = await Start("loop-par");
        Assert.Equal(3, (await fx.OpenBookmarksAsync(started.InstanceId)).Count);

        Assert.Equal(ResumeOutcome.Resumed, (await Signal(started.InstanceId, "scan-c")).Outcome);
        Assert.Equal(ResumeOutcome.Resumed, (await Signal(started.InstanceId, "scan-a")).Outcome);
        Assert.Equal(InstanceStatus.Suspended, (await Get(started.InstanceId)).Status);
        Assert.Equal(ResumeOutcome.Resumed, (await Signal(started.InstanceId, "scan-b")).Outcome);

        var view = await Get(started.InstanceId);
        Assert.Equal(InstanceStatus.Finished, view.Status);
        Assert.Equal("a:0", view.Variables["seen-a"]);
        Assert.Equal("b:1", view.Variables["seen-b"]);
        Assert.Equal("c:2", view.Variables["seen-c"]);
        Assert.Equal(true, view.Variables["done"]);
    }

    [Fact]
    public async Task MaxParallel_BoundsTheIterationsRunningAtOnce()
    {
        await PublishParallel("loop-bounded", 2);
        var started = await Start("loop-bounded");

        var open = await fx.OpenBookmarksAsync(started.InstanceId);
        Assert.Equal(["scan-a", "scan-b"], open.Select(b => b.SignalName ?? "").Order().ToArray());
        Assert.Equal(ResumeOutcome.NotFound, (await Signal(started.InstanceId, "scan-c")).Outcome);

        await Signal(started.InstanceId, "scan-b");

        open = await fx.OpenBookmarksAsync(started.InstanceId);
        Assert.Equal(["scan-a", "scan-c"], open.Select(b => b.SignalName ?? "").Order().ToArray());
        await Signal(started.InstanceId, "scan-c");
        await Signal(started.InstanceId, "scan-a");
        var view = await Get(started.InstanceId);
        Assert.Equal(InstanceStatus.Finished, view.Status);
        Assert.Equal("c:2", view.Variables["seen-c"]);
    }
}
